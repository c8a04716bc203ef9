INSERT INTO subscriber_attribute (subscriber_id, name, value) SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[])
ON CONFLICT (subscriber_id, name) DO UPDATE SET value = excluded.value
