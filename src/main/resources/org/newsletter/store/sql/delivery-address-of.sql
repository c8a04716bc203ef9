SELECT s.email, d.campaign_id FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE d.id = :id
