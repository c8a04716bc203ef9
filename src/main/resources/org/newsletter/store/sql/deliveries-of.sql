SELECT c.id AS campaign_id, c.issue, l.slug AS list_slug, d.state, d.message_id, d.reply, d.attempts, d.updated_at, d.bounce
FROM delivery d
JOIN campaign c ON c.id = d.campaign_id
JOIN mailing_list l ON l.id = c.list_id
JOIN subscriber s ON s.id = d.subscriber_id
WHERE s.email_key = :key
ORDER BY c.id
