SELECT human, automated FROM campaign_image_load WHERE campaign_id = :campaign
