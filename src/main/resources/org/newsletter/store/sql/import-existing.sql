SELECT id, email_key, name, tags, attributes FROM subscriber WHERE email_key IN (${in})
