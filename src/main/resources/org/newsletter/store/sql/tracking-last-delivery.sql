-- When the campaign's latest message was accepted: aggregate clicks name nobody, so the window after
-- delivery is measured from this.
SELECT MAX(updated_at) AS at FROM delivery WHERE campaign_id = :campaign AND state = 'accepted'
