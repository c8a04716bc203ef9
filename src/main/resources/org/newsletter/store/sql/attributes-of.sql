SELECT name, value FROM subscriber_attribute WHERE subscriber_id = :id ORDER BY name
