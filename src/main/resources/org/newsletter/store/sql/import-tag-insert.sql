INSERT INTO subscriber_tag (subscriber_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING
