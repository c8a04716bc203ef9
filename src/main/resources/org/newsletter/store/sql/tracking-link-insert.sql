-- A campaign's tracked links, recorded before its messages go out; a rerun keeps the first record.
INSERT INTO campaign_link (campaign_id, link_index, url) VALUES (:campaign, :index, :url)
ON CONFLICT (campaign_id, link_index) DO NOTHING
