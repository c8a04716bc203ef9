UPDATE subscriber SET name = :name, updated_at = :now WHERE id = :id
