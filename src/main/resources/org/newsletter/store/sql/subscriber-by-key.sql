SELECT id, email, name, consent_source, consent_at, created_at, updated_at FROM subscriber WHERE email_key = :key
