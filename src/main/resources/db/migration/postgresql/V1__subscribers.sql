-- Subscribers, lists, subscriptions and suppressions. Tags and attributes have no index beyond their
-- primary key: segments probe them per subscriber (EXISTS … WHERE subscriber_id = ?), and every extra
-- index would slow down a million-row import.
-- Times are epoch milliseconds (UTC) in both
-- dialects so the same code reads them. email_key is the lower-cased address: uniqueness is
-- case-insensitive while the address is kept as written.
CREATE TABLE subscriber (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           TEXT    NOT NULL,
    email_key       TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL DEFAULT '',
    consent_source  TEXT    NOT NULL DEFAULT '',
    consent_at      BIGINT ,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);

CREATE TABLE subscriber_attribute (
    subscriber_id   BIGINT  NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    PRIMARY KEY (subscriber_id, name)
);

CREATE TABLE subscriber_tag (
    subscriber_id   BIGINT  NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    tag             TEXT    NOT NULL,
    PRIMARY KEY (subscriber_id, tag)
);

CREATE TABLE mailing_list (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    double_opt_in   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT  NOT NULL
);

CREATE TABLE subscription (
    subscriber_id   BIGINT  NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    list_id         BIGINT  NOT NULL REFERENCES mailing_list (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'subscribed', 'unsubscribed')),
    how             TEXT    NOT NULL DEFAULT '',
    changed_at      BIGINT  NOT NULL,
    PRIMARY KEY (subscriber_id, list_id)
);
CREATE INDEX subscription_by_list ON subscription (list_id, status);

-- Every change of a subscription, for 'subscribers show' and privacy exports.
CREATE TABLE subscription_event (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id   BIGINT  NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    list_id         BIGINT  NOT NULL REFERENCES mailing_list (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL,
    how             TEXT    NOT NULL,
    at              BIGINT  NOT NULL
);
CREATE INDEX subscription_event_by_subscriber ON subscription_event (subscriber_id, at);

-- Addresses never mailed again. Keyed by the SHA-256 of email_key so an erased person leaves only a hash.
CREATE TABLE suppression (
    email_hash      TEXT    PRIMARY KEY,
    email           TEXT,
    reason          TEXT    NOT NULL CHECK (reason IN ('hard-bounce', 'complaint', 'erased', 'manual')),
    note            TEXT    NOT NULL DEFAULT '',
    at              BIGINT  NOT NULL
);

-- Small named values the tool keeps for itself (e.g. the token secret generated on first run).
CREATE TABLE setting (
    name            TEXT    PRIMARY KEY,
    value           TEXT    NOT NULL
);
