SELECT s.id, s.email, s.name, s.consent_source, s.consent_at, s.created_at, s.updated_at, s.tags, s.attributes,
       ${status} AS status
FROM subscriber s ${join}
WHERE ${where}
ORDER BY s.email_key
