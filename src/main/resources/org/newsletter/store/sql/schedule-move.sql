UPDATE scheduled_campaign SET send_at = :at, updated_at = :now WHERE id = :id AND status = 'scheduled'
