-- Scheduled campaigns that started and whose campaign still has something to send: a process stopped
-- in the middle (SIGTERM, a crash), and the next run-due or serve goes on with it.
SELECT s.campaign_id FROM scheduled_campaign s JOIN campaign c ON c.id = s.campaign_id
WHERE s.status = 'started' AND c.status = 'sending' ORDER BY s.send_at, s.id
