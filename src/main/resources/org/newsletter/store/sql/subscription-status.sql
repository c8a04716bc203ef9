SELECT status FROM subscription WHERE subscriber_id = :id AND list_id = :listId
