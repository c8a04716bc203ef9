SELECT email, reason, note, at FROM suppression WHERE email_hash = :hash
