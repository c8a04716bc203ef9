-- Fewer rows per person, so a million-person import is a few index writes each instead of eight
-- (BENCHMARKS.md has the measurements):
--  * tags and attributes move into the subscriber row as jsonb (DESIGN.md: "attributes (JSON)"):
--    tags an array of strings, attributes an object of string values;
--  * the subscription table loses its (list_id, status) index, as in SQLite: campaigns and list
--    summaries read whole lists, for which a scan is as good;
--  * subscription_event now keeps the states a subscription has left; the state it is in is the
--    subscription row itself, and a person's history is the two together. So creating a
--    subscription writes one row, and every later change first copies the old state into the log.
ALTER TABLE subscriber ADD COLUMN attributes JSONB NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE subscriber ADD COLUMN tags JSONB NOT NULL DEFAULT '[]'::jsonb;

UPDATE subscriber s SET attributes = a.attributes
FROM (SELECT subscriber_id, jsonb_object_agg(name, value) AS attributes FROM subscriber_attribute GROUP BY subscriber_id) a
WHERE a.subscriber_id = s.id;

UPDATE subscriber s SET tags = t.tags
FROM (SELECT subscriber_id, jsonb_agg(tag ORDER BY tag) AS tags FROM subscriber_tag GROUP BY subscriber_id) t
WHERE t.subscriber_id = s.id;

DROP TABLE subscriber_attribute;
DROP TABLE subscriber_tag;
DROP INDEX subscription_by_list;

-- The newest event of each subscription repeats its current row: remove it, so nothing shows twice.
DELETE FROM subscription_event WHERE id IN (
    SELECT e.id FROM subscription_event e
    JOIN subscription s ON s.subscriber_id = e.subscriber_id AND s.list_id = e.list_id
    WHERE e.status = s.status AND e.how = s.how AND e.at = s.changed_at
      AND NOT EXISTS (SELECT 1 FROM subscription_event later
                      WHERE later.subscriber_id = e.subscriber_id AND later.list_id = e.list_id AND later.id > e.id));
