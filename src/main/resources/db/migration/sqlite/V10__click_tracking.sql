-- Click tracking and image loads (newsletter.yaml tracking:, off by default). A campaign's tracked
-- links are recorded before its first message goes out; /c/TOKEN redirects to the url kept here,
-- never to anything taken from the request. The counts are all that 'aggregate' keeps.
CREATE TABLE campaign_link (
    campaign_id     INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    link_index      INTEGER NOT NULL,
    url             TEXT    NOT NULL,
    human           INTEGER NOT NULL DEFAULT 0,
    automated       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, link_index)
);

-- Loads of a campaign's 1x1 image: counts only, never who.
CREATE TABLE campaign_image_load (
    campaign_id     INTEGER PRIMARY KEY REFERENCES campaign (id) ON DELETE CASCADE,
    human           INTEGER NOT NULL DEFAULT 0,
    automated       INTEGER NOT NULL DEFAULT 0
);

-- 'per_person' only: who followed which link, and when. Goes with the person (privacy erase).
CREATE TABLE click (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    link_index      INTEGER NOT NULL,
    subscriber_id   INTEGER NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    automated       INTEGER NOT NULL,
    clicked_at      INTEGER NOT NULL
);
CREATE INDEX click_by_subscriber ON click (subscriber_id);
CREATE INDEX click_by_campaign ON click (campaign_id, link_index);
