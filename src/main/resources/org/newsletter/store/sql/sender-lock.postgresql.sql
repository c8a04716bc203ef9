SELECT 1 FROM (SELECT pg_advisory_lock((hashtext('newsletter-sender:' || current_schema())::bigint << 32) | :id)) AS taken
