SELECT k.campaign_id, c.issue, l.url, k.automated, k.clicked_at
FROM click k
JOIN subscriber s ON s.id = k.subscriber_id
JOIN campaign c ON c.id = k.campaign_id
LEFT JOIN campaign_link l ON l.campaign_id = k.campaign_id AND l.link_index = k.link_index
WHERE s.email_key = :key
ORDER BY k.clicked_at, k.id
