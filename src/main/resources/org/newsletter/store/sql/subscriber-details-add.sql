-- Adds tags (a set: sorted, no repeats) and sets attributes (an RFC 7396 merge patch: the new values
-- win, the others stay) in one statement, so two changes at once cannot lose each other's.
UPDATE subscriber
SET tags = (SELECT json_group_array(value) FROM (
                SELECT value FROM json_each(subscriber.tags) UNION SELECT value FROM json_each(:tags) ORDER BY 1)),
    attributes = json_patch(attributes, :attributes),
    updated_at = :now
WHERE id = :id
