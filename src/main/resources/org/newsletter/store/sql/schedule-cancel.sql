UPDATE scheduled_campaign SET status = 'cancelled', updated_at = :now WHERE id = :id AND status = 'scheduled'
