SELECT COUNT(*) FROM bounce WHERE subscriber_id = :subscriber AND kind = 'soft-bounce' AND at >= :since
