SELECT id, email, name, tags, attributes, consent_source, consent_at, created_at, updated_at FROM subscriber WHERE email_key = :key
