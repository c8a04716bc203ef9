SELECT state, reply, COUNT(*) AS n, MIN(updated_at) AS first_at
FROM delivery
WHERE campaign_id = :id AND state IN ('failed-temporary', 'failed-permanent', 'skipped')
GROUP BY state, reply
ORDER BY n DESC, state, reply
