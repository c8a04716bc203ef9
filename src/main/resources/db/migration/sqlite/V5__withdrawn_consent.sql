-- Withdrawn consent outlives the person's record (DESIGN.md "Consent"). When someone who left a list
-- is removed ('subscribers remove') or erased ('privacy erase'), a row here keeps that they left,
-- keyed like a suppression by the SHA-256 of the lower-cased address, so that no readable address
-- stays behind. 'add' and 'import' refuse the address on that list; only the person can come back,
-- through the subscribe form and its emailed confirmation, which is what removes the row.
-- how and at are those of the unsubscribe ('one-click (RFC 8058)', 'staff: ann', …).
CREATE TABLE withdrawn_consent (
    list_id         INTEGER NOT NULL REFERENCES mailing_list (id) ON DELETE CASCADE,
    email_hash      TEXT    NOT NULL,
    how             TEXT    NOT NULL DEFAULT '',
    at              INTEGER NOT NULL,
    PRIMARY KEY (list_id, email_hash)
) WITHOUT ROWID;
-- 'subscribers show' and 'privacy export' ask about one address on every list.
CREATE INDEX withdrawn_consent_by_hash ON withdrawn_consent (email_hash);
