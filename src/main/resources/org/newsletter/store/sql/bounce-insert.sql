INSERT INTO bounce (report_id, subscriber_id, campaign_id, list_id, kind, status, detail, at)
VALUES (:reportId, :subscriber, :campaign, :list, :kind, :status, :detail, :at)
ON CONFLICT (report_id) DO NOTHING
