UPDATE subscriber SET updated_at = :now WHERE id = :id
