UPDATE campaign SET status = 'finished', finished_at = :now
WHERE id = :id AND status = 'sending'
  AND NOT EXISTS (SELECT 1 FROM delivery WHERE campaign_id = :id AND state IN ('queued', 'sending'))
