SELECT COUNT(*) FROM bounce WHERE report_id = :reportId
