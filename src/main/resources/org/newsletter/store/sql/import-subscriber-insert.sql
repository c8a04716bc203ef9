INSERT INTO subscriber (id, email, email_key, name, tags, attributes, consent_source, consent_at, created_at, updated_at) VALUES ${in}
