UPDATE scheduled_campaign SET status = 'failed', problem = :problem, updated_at = :now WHERE id = :id AND status = 'scheduled'
