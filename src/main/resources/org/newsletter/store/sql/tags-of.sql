SELECT tag FROM subscriber_tag WHERE subscriber_id = :id ORDER BY tag
