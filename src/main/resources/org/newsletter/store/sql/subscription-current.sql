SELECT status, how, changed_at FROM subscription WHERE subscriber_id = :id AND list_id = :listId
