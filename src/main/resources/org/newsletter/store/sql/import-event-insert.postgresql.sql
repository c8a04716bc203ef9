INSERT INTO subscription_event (subscriber_id, list_id, status, how, at)
SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[])
