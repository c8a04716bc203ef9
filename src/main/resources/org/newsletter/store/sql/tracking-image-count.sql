INSERT INTO campaign_image_load (campaign_id, human, automated) VALUES (:campaign, :human, :automated)
ON CONFLICT (campaign_id) DO UPDATE SET human = campaign_image_load.human + excluded.human,
    automated = campaign_image_load.automated + excluded.automated
