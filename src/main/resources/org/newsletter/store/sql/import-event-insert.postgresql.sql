-- The states existing subscriptions leave, into the log (the import then writes the new states).
INSERT INTO subscription_event (subscriber_id, list_id, status, how, at)
SELECT s.subscriber_id, s.list_id, s.status, s.how, s.changed_at
FROM unnest(?::bigint[], ?::bigint[]) AS u (id, list_id) JOIN subscription s ON s.subscriber_id = u.id AND s.list_id = u.list_id
