SELECT campaign_id, state, COUNT(*) AS n FROM delivery GROUP BY campaign_id, state
