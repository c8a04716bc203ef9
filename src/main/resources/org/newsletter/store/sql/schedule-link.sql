UPDATE scheduled_campaign SET campaign_id = :campaign, updated_at = :now WHERE id = :id
