-- A yardstick for this machine's speed at the moment, printed beside the import figures: this VM's
-- CPU speed varies by up to half from one quarter-hour to the next, so a figure means little alone.
-- SQLite alone (no Java) inserting a million subscriber rows in the import's own shape (the unique
-- address key, JSON tags and attributes), in one statement.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -64000;
CREATE TABLE subscriber (id INTEGER PRIMARY KEY, email TEXT NOT NULL, email_key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL, consent_source TEXT NOT NULL,
    consent_at INTEGER, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TEMP TABLE g AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
    SELECT i, 'Person.' || hex(randomblob(4)) || i || '@Example' || (i % 5000) || '.org' AS email FROM n;
.timer on
INSERT INTO subscriber SELECT i, email, lower(email), 'Zoë O''Brien ' || i,
    '{"city":"London","company":"Acme ' || i || '"}', CASE WHEN i % 2 = 0 THEN '["cuppa"]' ELSE '[]' END,
    'import: x.csv', 1, 1, 1 FROM g;
