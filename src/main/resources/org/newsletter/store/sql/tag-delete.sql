DELETE FROM subscriber_tag WHERE subscriber_id = :id AND tag = :tag
