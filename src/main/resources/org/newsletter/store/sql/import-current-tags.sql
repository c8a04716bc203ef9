SELECT subscriber_id, tag FROM subscriber_tag WHERE subscriber_id IN (<ids>)
