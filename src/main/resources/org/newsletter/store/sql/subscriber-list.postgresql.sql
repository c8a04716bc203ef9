SELECT s.id, s.email, s.name, s.consent_source, s.consent_at, s.created_at, s.updated_at,
       (SELECT string_agg(t.tag, chr(31)) FROM subscriber_tag t WHERE t.subscriber_id = s.id) AS tags,
       (SELECT json_object_agg(a.name, a.value)::text FROM subscriber_attribute a WHERE a.subscriber_id = s.id) AS attributes,
       ${status} AS status
FROM subscriber s ${join}
WHERE ${where}
ORDER BY s.email_key
