SELECT email_hash, how, at FROM withdrawn_consent WHERE list_id = ? AND email_hash IN (${in})
