SELECT subscriber_id, name, value FROM subscriber_attribute WHERE subscriber_id IN (<ids>)
