SELECT pg_advisory_unlock((hashtext('newsletter-sender:' || current_schema())::bigint << 32) | :id)
