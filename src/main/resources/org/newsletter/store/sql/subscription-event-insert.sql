-- The state a subscription is leaving goes into the log (the current state is the subscription row).
INSERT INTO subscription_event (subscriber_id, list_id, status, how, at)
SELECT subscriber_id, list_id, status, how, changed_at FROM subscription WHERE subscriber_id = :id AND list_id = :listId
