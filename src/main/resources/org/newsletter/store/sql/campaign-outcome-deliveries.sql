-- When a campaign's messages were accepted, in buckets of :bucket milliseconds (the time each row last
-- changed). The bucket is computed once in a subquery: PostgreSQL cannot tell that two placeholders
-- in SELECT and GROUP BY are the same expression.
SELECT slot, COUNT(*) AS n
FROM (SELECT updated_at / :bucket AS slot FROM delivery WHERE campaign_id = :id AND state = 'accepted') accepted
GROUP BY slot ORDER BY slot
