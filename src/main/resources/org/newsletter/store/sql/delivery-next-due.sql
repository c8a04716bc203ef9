SELECT MIN(next_attempt_at) FROM delivery WHERE campaign_id = :campaign AND state = 'queued'
