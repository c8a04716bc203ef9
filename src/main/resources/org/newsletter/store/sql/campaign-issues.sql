-- The issues that went out (a campaign was started for them; test sends start none), each with the
-- time its first campaign began: the catalogue of the public archive.
SELECT issue, MIN(created_at) AS first_sent
FROM campaign
GROUP BY issue
