SELECT s.email_key
FROM subscriber s JOIN subscription u ON u.subscriber_id = s.id AND u.list_id = ? AND u.status = 'subscribed'
WHERE ${where}
