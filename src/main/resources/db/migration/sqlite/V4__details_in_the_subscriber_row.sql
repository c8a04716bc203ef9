-- Fewer rows per person, so a million-person import is a few B-tree writes each instead of eight
-- (BENCHMARKS.md has the measurements):
--  * tags and attributes move into the subscriber row as JSON (DESIGN.md: "attributes (JSON)"):
--    tags a sorted array of strings, attributes an object of string values;
--  * the subscription table loses its (list_id, status) index: maintaining it row by row cost more
--    than the table itself, and a full scan of a million subscriptions takes under 0.1 s;
--  * subscription_event now keeps the states a subscription has left; the state it is in is the
--    subscription row itself, and a person's history is the two together. So creating a
--    subscription writes one row, and every later change first copies the old state into the log.
ALTER TABLE subscriber ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE subscriber ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';

UPDATE subscriber SET attributes = (
    SELECT json_group_object(name, value) FROM (
        SELECT a.name, a.value FROM subscriber_attribute a WHERE a.subscriber_id = subscriber.id ORDER BY a.name))
WHERE EXISTS (SELECT 1 FROM subscriber_attribute a WHERE a.subscriber_id = subscriber.id);

UPDATE subscriber SET tags = (
    SELECT json_group_array(tag) FROM (
        SELECT t.tag FROM subscriber_tag t WHERE t.subscriber_id = subscriber.id ORDER BY t.tag))
WHERE EXISTS (SELECT 1 FROM subscriber_tag t WHERE t.subscriber_id = subscriber.id);

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
