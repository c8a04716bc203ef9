-- Campaigns scheduled for later (send --at). A row of its own, not a campaign yet: a campaign fixes its
-- audience and publishes the issue in the archive, neither of which may happen before the time. When it
-- is due, one process turns it into a campaign in the same transaction that marks it 'started', so two
-- processes (cron and serve, or two serve) start it once.
CREATE TABLE scheduled_campaign (
    id              INTEGER PRIMARY KEY,
    issue           TEXT    NOT NULL,
    list_id         INTEGER NOT NULL REFERENCES mailing_list (id),
    segment         TEXT    NOT NULL DEFAULT '',
    subject         TEXT    NOT NULL,
    content_hash    TEXT    NOT NULL,
    send_at         INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('scheduled', 'started', 'cancelled', 'failed')),
    campaign_id     INTEGER REFERENCES campaign (id) ON DELETE SET NULL,
    problem         TEXT    NOT NULL DEFAULT '',
    created_by      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX scheduled_campaign_due ON scheduled_campaign (status, send_at);
