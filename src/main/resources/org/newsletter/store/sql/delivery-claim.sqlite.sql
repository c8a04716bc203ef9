UPDATE delivery SET state = 'sending', sender_id = ?, attempts = attempts + 1, updated_at = ?
WHERE id IN (SELECT id FROM delivery WHERE campaign_id = ? AND state = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?)
RETURNING id
