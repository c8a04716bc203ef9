UPDATE campaign_link SET human = human + :human, automated = automated + :automated
WHERE campaign_id = :campaign AND link_index = :index
