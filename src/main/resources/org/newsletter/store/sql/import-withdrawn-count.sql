SELECT COUNT(*) FROM withdrawn_consent WHERE list_id = ?
