SELECT d.id, d.subscriber_id, d.attempts, s.email, s.email_key, s.name, u.status
FROM delivery d
JOIN subscriber s ON s.id = d.subscriber_id
LEFT JOIN subscription u ON u.subscriber_id = d.subscriber_id AND u.list_id = ?
WHERE d.id IN (${in})
ORDER BY d.id
