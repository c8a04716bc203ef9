SELECT DISTINCT sender_id FROM delivery WHERE campaign_id = :campaign AND state = 'sending' AND sender_id IS NOT NULL
