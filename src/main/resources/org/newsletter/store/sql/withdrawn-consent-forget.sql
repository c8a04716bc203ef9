DELETE FROM withdrawn_consent WHERE list_id = :listId AND email_hash = :hash
