-- Unsubscribes that came from a campaign: made by the reader with the message's own means (the
-- unsubscribe page, the RFC 8058 one-click POST, the RFC 2369 mailto:; their 'how' words are bound
-- from SelfService and BounceRepository, which record them), from the campaign's list,
-- within :window milliseconds after the message was accepted, and before any later campaign on that
-- list reached the same person (then the later one gets it). The unsubscribe link carries the person
-- and the list, not the campaign, so this is how the journal ties them. An unsubscribe is the current
-- subscription row or, for someone who came back since, the state the history log kept.
WITH left_list AS (
    SELECT subscriber_id, list_id, how, changed_at AS at FROM subscription WHERE status = 'unsubscribed'
    UNION ALL
    SELECT subscriber_id, list_id, how, at FROM subscription_event WHERE status = 'unsubscribed'
)
SELECT u.at, u.how
FROM left_list u
JOIN campaign c ON c.id = :id AND c.list_id = u.list_id
JOIN delivery d ON d.campaign_id = c.id AND d.subscriber_id = u.subscriber_id AND d.state = 'accepted'
WHERE u.how IN (:oneClick, :page, :mailed)
  AND u.at >= d.updated_at AND u.at < d.updated_at + :window
  AND NOT EXISTS (
      SELECT 1 FROM delivery later JOIN campaign lc ON lc.id = later.campaign_id
      WHERE later.subscriber_id = u.subscriber_id AND lc.list_id = c.list_id AND later.campaign_id <> c.id
        AND later.state = 'accepted' AND later.updated_at > d.updated_at AND later.updated_at <= u.at)
ORDER BY u.at
