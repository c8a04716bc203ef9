-- Campaigns with temporarily failed deliveries whose backoff has passed (they failed before :before),
-- begun recently enough (after :since) that trying again still makes sense: serve's automatic retry.
SELECT DISTINCT d.campaign_id FROM delivery d JOIN campaign c ON c.id = d.campaign_id
WHERE d.state = 'failed-temporary' AND d.updated_at <= :before AND c.created_at >= :since
ORDER BY d.campaign_id
