INSERT INTO subscription (subscriber_id, list_id, status, how, changed_at)
SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[])
ON CONFLICT (subscriber_id, list_id) DO UPDATE SET status = excluded.status, how = excluded.how, changed_at = excluded.changed_at
