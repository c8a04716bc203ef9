UPDATE delivery
SET state = ?, reply = ?, message_id = COALESCE(?, message_id), next_attempt_at = ?,
    sender_id = CASE WHEN ? = 'queued' THEN NULL ELSE sender_id END, updated_at = ?
WHERE id = ? AND state = 'sending' AND sender_id = ? AND attempts = ? AND updated_at <= ?
