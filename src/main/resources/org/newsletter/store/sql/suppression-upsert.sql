INSERT INTO suppression (email_hash, email, reason, note, at) VALUES (:hash, :email, :reason, :note, :now)
ON CONFLICT (email_hash) DO UPDATE SET email = excluded.email, reason = excluded.reason, note = excluded.note, at = excluded.at
