SELECT subscriber_id, status, how, changed_at FROM subscription WHERE list_id = ? AND subscriber_id IN (${in})
