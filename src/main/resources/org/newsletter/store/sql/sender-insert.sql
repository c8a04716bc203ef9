INSERT INTO campaign_sender (campaign_id, host, pid, started_at) VALUES (:campaign, :host, :pid, :now)
