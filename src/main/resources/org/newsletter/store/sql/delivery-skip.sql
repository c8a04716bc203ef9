UPDATE delivery SET state = 'skipped', reply = ?, sender_id = NULL, updated_at = ? WHERE id = ?
