-- Tracked clicks per campaign, human and automated, for 'campaigns compare'.
SELECT campaign_id, SUM(human) AS human, SUM(automated) AS automated FROM campaign_link GROUP BY campaign_id
