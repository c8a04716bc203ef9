SELECT state, COUNT(*) AS n FROM delivery WHERE campaign_id = :id GROUP BY state
