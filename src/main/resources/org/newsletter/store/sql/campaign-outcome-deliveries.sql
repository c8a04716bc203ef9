-- When a campaign's messages were accepted, in buckets of :bucket milliseconds (the time each row last changed).
SELECT updated_at / :bucket AS slot, COUNT(*) AS n FROM delivery WHERE campaign_id = :id AND state = 'accepted' GROUP BY updated_at / :bucket ORDER BY slot
