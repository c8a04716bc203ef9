-- The state an existing subscription leaves, into the log (the import then writes the new state).
INSERT INTO subscription_event (subscriber_id, list_id, status, how, at)
SELECT subscriber_id, list_id, status, how, changed_at FROM subscription WHERE subscriber_id = ? AND list_id = ?
