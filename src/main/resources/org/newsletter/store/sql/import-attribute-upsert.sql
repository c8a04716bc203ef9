INSERT INTO subscriber_attribute (subscriber_id, name, value) VALUES (?, ?, ?)
ON CONFLICT (subscriber_id, name) DO UPDATE SET value = excluded.value
