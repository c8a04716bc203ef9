INSERT INTO scheduled_campaign (issue, list_id, segment, subject, content_hash, send_at, status, created_by, created_at, updated_at)
VALUES (:issue, :list, :segment, :subject, :hash, :at, 'scheduled', :by, :now, :now)
