-- Subscribers, lists, subscriptions and suppressions. Tags and attributes have no index beyond their
-- primary key: segments probe them per subscriber (EXISTS … WHERE subscriber_id = ?), and every extra
-- index would slow down a million-row import.
-- Times are epoch milliseconds (UTC) in both
-- dialects so the same code reads them. email_key is the lower-cased address: uniqueness is
-- case-insensitive while the address is kept as written.
CREATE TABLE subscriber (
    id              INTEGER PRIMARY KEY,
    email           TEXT    NOT NULL,
    email_key       TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL DEFAULT '',
    consent_source  TEXT    NOT NULL DEFAULT '',
    consent_at      INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE subscriber_attribute (
    subscriber_id   INTEGER NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    PRIMARY KEY (subscriber_id, name)
) WITHOUT ROWID;

CREATE TABLE subscriber_tag (
    subscriber_id   INTEGER NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    tag             TEXT    NOT NULL,
    PRIMARY KEY (subscriber_id, tag)
) WITHOUT ROWID;

CREATE TABLE mailing_list (
    id              INTEGER PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    double_opt_in   INTEGER NOT NULL DEFAULT 0 CHECK (double_opt_in IN (0, 1)),
    created_at      INTEGER NOT NULL
);

CREATE TABLE subscription (
    subscriber_id   INTEGER NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    list_id         INTEGER NOT NULL REFERENCES mailing_list (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'subscribed', 'unsubscribed')),
    how             TEXT    NOT NULL DEFAULT '',
    changed_at      INTEGER NOT NULL,
    PRIMARY KEY (subscriber_id, list_id)
) WITHOUT ROWID;
CREATE INDEX subscription_by_list ON subscription (list_id, status);

-- Every change of a subscription, for 'subscribers show' and privacy exports.
CREATE TABLE subscription_event (
    id              INTEGER PRIMARY KEY,
    subscriber_id   INTEGER NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    list_id         INTEGER NOT NULL REFERENCES mailing_list (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL,
    how             TEXT    NOT NULL,
    at              INTEGER NOT NULL
);
CREATE INDEX subscription_event_by_subscriber ON subscription_event (subscriber_id, at);

-- Addresses never mailed again. Keyed by the SHA-256 of email_key so an erased person leaves only a hash.
CREATE TABLE suppression (
    email_hash      TEXT    PRIMARY KEY,
    email           TEXT,
    reason          TEXT    NOT NULL CHECK (reason IN ('hard-bounce', 'complaint', 'erased', 'manual')),
    note            TEXT    NOT NULL DEFAULT '',
    at              INTEGER NOT NULL
) WITHOUT ROWID;

-- Small named values the tool keeps for itself (e.g. the token secret generated on first run).
CREATE TABLE setting (
    name            TEXT    PRIMARY KEY,
    value           TEXT    NOT NULL
) WITHOUT ROWID;
