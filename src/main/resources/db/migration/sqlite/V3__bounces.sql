-- What came back to the bounce mailbox (the bounce package): delivery status notifications (RFC 3464),
-- complaints (RFC 5965) and mailed unsubscribes (RFC 2369 mailto:). One row per report, keyed by the
-- report's own Message-ID (or a hash of its bytes), so processing the same report twice changes nothing.
-- at is when it bounced (the report's Date), which is what the soft-bounce limit counts.
CREATE TABLE bounce (
    id              INTEGER PRIMARY KEY,
    report_id       TEXT    NOT NULL UNIQUE,
    subscriber_id   INTEGER NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    campaign_id     INTEGER REFERENCES campaign (id) ON DELETE CASCADE,
    list_id         INTEGER REFERENCES mailing_list (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('hard-bounce', 'soft-bounce', 'complaint', 'unsubscribe')),
    status          TEXT    NOT NULL DEFAULT '',
    detail          TEXT    NOT NULL DEFAULT '',
    at              INTEGER NOT NULL
);
CREATE INDEX bounce_by_subscriber ON bounce (subscriber_id, kind, at);
CREATE INDEX bounce_by_time ON bounce (at);

-- The journal row shows what came back after the server accepted the message, e.g. 'hard-bounce 5.1.1'.
ALTER TABLE delivery ADD COLUMN bounce TEXT NOT NULL DEFAULT '';
-- A bounce that quotes only the original Message-ID is matched through it.
CREATE INDEX delivery_by_message_id ON delivery (message_id);
