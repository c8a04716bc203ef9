SELECT email, reason, note, at FROM suppression ORDER BY at DESC LIMIT :limit
