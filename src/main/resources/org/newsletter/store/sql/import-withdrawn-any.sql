SELECT COUNT(*) FROM (SELECT 1 FROM withdrawn_consent WHERE list_id = ? LIMIT 1) any_marker
