INSERT INTO subscriber_tag (subscriber_id, tag) VALUES (:id, :tag) ON CONFLICT DO NOTHING
