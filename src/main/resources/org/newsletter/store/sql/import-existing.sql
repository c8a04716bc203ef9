SELECT id, email_key, name FROM subscriber WHERE email_key IN (${in})
