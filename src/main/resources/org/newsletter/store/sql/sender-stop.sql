UPDATE campaign_sender SET stopped_at = :now WHERE id = :id
