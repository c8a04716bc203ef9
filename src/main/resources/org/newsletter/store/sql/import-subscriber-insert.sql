INSERT INTO subscriber (email, email_key, name, tags, attributes, consent_source, consent_at, created_at, updated_at) VALUES ${in}
RETURNING id, email_key
