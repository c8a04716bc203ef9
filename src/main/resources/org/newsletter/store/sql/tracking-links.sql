SELECT link_index, url, human, automated FROM campaign_link WHERE campaign_id = :campaign ORDER BY link_index
