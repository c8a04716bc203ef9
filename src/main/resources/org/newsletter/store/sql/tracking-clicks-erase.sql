DELETE FROM click WHERE subscriber_id IN (SELECT id FROM subscriber WHERE email_key = :key)
