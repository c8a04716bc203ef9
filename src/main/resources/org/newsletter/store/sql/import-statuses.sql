SELECT subscriber_id, status FROM subscription WHERE list_id = ? AND subscriber_id IN (${in})
