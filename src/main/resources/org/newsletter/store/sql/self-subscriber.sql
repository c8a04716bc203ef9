SELECT id, email, email_key FROM subscriber WHERE id = :id
