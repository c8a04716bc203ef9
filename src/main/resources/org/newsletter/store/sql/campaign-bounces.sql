SELECT bounce, COUNT(*) AS n FROM delivery WHERE campaign_id = :id AND bounce <> '' GROUP BY bounce ORDER BY n DESC, bounce
