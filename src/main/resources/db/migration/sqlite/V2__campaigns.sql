-- Campaigns and their delivery journal (DESIGN.md "Sending"). A campaign is one issue sent to one
-- list and segment; its audience is fixed when it starts, as one delivery row per recipient.
CREATE TABLE campaign (
    id              INTEGER PRIMARY KEY,
    issue           TEXT    NOT NULL,
    list_id         INTEGER NOT NULL REFERENCES mailing_list (id),
    segment         TEXT    NOT NULL DEFAULT '',
    subject         TEXT    NOT NULL,
    content_hash    TEXT    NOT NULL,
    transport       TEXT    NOT NULL,
    audience        INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('sending', 'finished')),
    created_at      INTEGER NOT NULL,
    finished_at     INTEGER,
    UNIQUE (issue, list_id, segment)
);

-- Each process that works on a campaign. Its rows in state 'sending' are in flight; when the process
-- is gone (see SenderLiveness) a new run puts them back in the queue.
CREATE TABLE campaign_sender (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    host            TEXT    NOT NULL,
    pid             INTEGER NOT NULL,
    started_at      INTEGER NOT NULL,
    stopped_at      INTEGER
);

-- queued -> sending -> accepted | queued (retry later) | failed-temporary | failed-permanent; skipped
-- when the person unsubscribed, was suppressed or erased after the campaign began.
CREATE TABLE delivery (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    subscriber_id   INTEGER NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    state           TEXT    NOT NULL CHECK (state IN ('queued', 'sending', 'accepted', 'failed-temporary', 'failed-permanent', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    sender_id       INTEGER,
    message_id      TEXT,
    reply           TEXT    NOT NULL DEFAULT '',
    updated_at      INTEGER NOT NULL,
    UNIQUE (campaign_id, subscriber_id)
);
CREATE INDEX delivery_by_state ON delivery (campaign_id, state, id);
CREATE INDEX delivery_by_subscriber ON delivery (subscriber_id);
