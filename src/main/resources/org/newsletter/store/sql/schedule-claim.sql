-- Marks a due scheduled campaign started. Only one process's update matches: the other waits for the
-- row (PostgreSQL) or the write lock (SQLite), then finds it no longer 'scheduled'.
UPDATE scheduled_campaign SET status = 'started', updated_at = :now WHERE id = :id AND status = 'scheduled' AND send_at <= :now
