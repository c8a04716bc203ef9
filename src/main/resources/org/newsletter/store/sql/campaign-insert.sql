INSERT INTO campaign (issue, list_id, segment, subject, content_hash, transport, audience, status, created_at)
VALUES (:issue, :list, :segment, :subject, :hash, :transport, 0, 'sending', :now)
