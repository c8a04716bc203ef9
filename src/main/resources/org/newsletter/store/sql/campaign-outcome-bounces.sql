-- What came back about a campaign's messages after the server accepted them: each person counted once per kind.
SELECT kind, COUNT(DISTINCT subscriber_id) AS n FROM bounce WHERE campaign_id = :id GROUP BY kind
