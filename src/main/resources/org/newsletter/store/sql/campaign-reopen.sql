UPDATE campaign SET status = 'sending', finished_at = NULL WHERE id = :id
