SELECT pg_try_advisory_lock((hashtext('newsletter-sender:' || current_schema())::bigint << 32) | :id)
