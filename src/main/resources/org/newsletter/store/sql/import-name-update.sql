UPDATE subscriber SET name = ?, updated_at = ? WHERE id = ?
