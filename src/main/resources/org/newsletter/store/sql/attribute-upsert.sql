INSERT INTO subscriber_attribute (subscriber_id, name, value) VALUES (:id, :name, :value)
ON CONFLICT (subscriber_id, name) DO UPDATE SET value = excluded.value
