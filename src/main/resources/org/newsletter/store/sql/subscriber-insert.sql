INSERT INTO subscriber (email, email_key, name, tags, attributes, consent_source, consent_at, created_at, updated_at)
VALUES (:email, :key, :name, :tags, :attributes, :consentSource, :consentAt, :now, :now)
RETURNING id
