INSERT INTO subscriber_tag (subscriber_id, tag) SELECT * FROM unnest(?::bigint[], ?::text[]) ON CONFLICT DO NOTHING
