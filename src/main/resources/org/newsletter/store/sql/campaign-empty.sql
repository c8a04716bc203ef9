UPDATE campaign SET audience = 0, status = 'finished', finished_at = :now WHERE id = :id
