UPDATE delivery SET state = 'queued', attempts = 0, next_attempt_at = 0, updated_at = :now
WHERE campaign_id = :id AND state = 'failed-temporary' AND updated_at <= :before
