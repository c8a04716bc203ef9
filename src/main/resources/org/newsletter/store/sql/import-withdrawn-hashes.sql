SELECT email_hash FROM withdrawn_consent WHERE list_id = ?
