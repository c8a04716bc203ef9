SELECT email_key FROM subscriber
