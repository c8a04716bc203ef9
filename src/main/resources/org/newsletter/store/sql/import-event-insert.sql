INSERT INTO subscription_event (subscriber_id, list_id, status, how, at) VALUES (?, ?, ?, ?, ?)
