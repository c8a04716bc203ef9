INSERT INTO delivery (campaign_id, subscriber_id, state, updated_at)
SELECT ?, s.id, 'queued', ?
FROM subscriber s JOIN subscription u ON u.subscriber_id = s.id AND u.list_id = ? AND u.status = 'subscribed'
WHERE ${where}
ORDER BY u.subscriber_id
