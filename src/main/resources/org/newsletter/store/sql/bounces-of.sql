SELECT b.at, b.kind, s.email, b.campaign_id, l.slug AS list_slug, b.status, b.detail
FROM bounce b
JOIN subscriber s ON s.id = b.subscriber_id
LEFT JOIN mailing_list l ON l.id = b.list_id
WHERE s.email_key = :key
ORDER BY b.at, b.id
