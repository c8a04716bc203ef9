SELECT s.id, s.email, s.name, s.consent_source, s.consent_at, s.created_at, s.updated_at,
       (SELECT group_concat(t.tag, char(31)) FROM subscriber_tag t WHERE t.subscriber_id = s.id) AS tags,
       (SELECT json_group_object(a.name, a.value) FROM subscriber_attribute a WHERE a.subscriber_id = s.id) AS attributes,
       ${status} AS status
FROM subscriber s ${join}
WHERE ${where}
ORDER BY s.email_key
