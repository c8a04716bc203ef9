UPDATE delivery SET state = 'queued', sender_id = NULL, updated_at = :now
WHERE campaign_id = :campaign AND state = 'sending' AND sender_id = :sender
