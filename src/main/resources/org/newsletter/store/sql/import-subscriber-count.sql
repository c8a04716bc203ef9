SELECT COUNT(*) FROM subscriber
