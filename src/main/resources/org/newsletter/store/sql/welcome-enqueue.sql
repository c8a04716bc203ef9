-- Queues the list's welcome mail for a person who has just subscribed themselves; nothing when the list
-- has none, or when they were welcomed (or queued) before.
INSERT INTO delivery (campaign_id, subscriber_id, state, updated_at)
SELECT l.welcome_campaign_id, :subscriber, 'queued', :now FROM mailing_list l WHERE l.id = :list AND l.welcome_campaign_id IS NOT NULL
ON CONFLICT (campaign_id, subscriber_id) DO NOTHING
