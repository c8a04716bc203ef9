UPDATE campaign SET audience = (SELECT COUNT(*) FROM delivery WHERE campaign_id = :id) WHERE id = :id
