SELECT 1 FROM (SELECT pg_advisory_lock(:key)) AS taken
