-- 'per_person' only. A click that arrives after the person was erased is not kept about them.
INSERT INTO click (campaign_id, link_index, subscriber_id, automated, clicked_at)
SELECT :campaign, :index, :subscriber, :automated, :at WHERE EXISTS (SELECT 1 FROM subscriber WHERE id = :subscriber)
