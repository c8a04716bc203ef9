SELECT d.subscriber_id, s.email, d.campaign_id, c.list_id
FROM delivery d
JOIN subscriber s ON s.id = d.subscriber_id
JOIN campaign c ON c.id = d.campaign_id
