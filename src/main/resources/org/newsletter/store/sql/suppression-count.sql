SELECT COUNT(*) FROM suppression
