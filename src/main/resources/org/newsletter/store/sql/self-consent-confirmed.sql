UPDATE subscriber SET consent_at = :now, updated_at = :now WHERE id = :id AND consent_at IS NULL
