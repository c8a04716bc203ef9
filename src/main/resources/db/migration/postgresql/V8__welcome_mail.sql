-- A list's welcome mail (lists set --welcome): a campaign of its own that starts with nobody in it; each
-- person who subscribes through the form (or confirms) gets a delivery row in it, and the row's
-- UNIQUE (campaign_id, subscriber_id) makes sure nobody is welcomed twice. Staff adds and imports add no row.
ALTER TABLE mailing_list ADD COLUMN welcome_campaign_id BIGINT REFERENCES campaign (id) ON DELETE SET NULL;
