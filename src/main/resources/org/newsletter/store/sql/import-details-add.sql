-- As subscriber-details-add: tags are added as a set, attributes merged (RFC 7396), new values winning.
UPDATE subscriber
SET tags = (SELECT json_group_array(value) FROM (
                SELECT value FROM json_each(subscriber.tags) UNION SELECT value FROM json_each(?) ORDER BY 1)),
    attributes = json_patch(attributes, ?),
    updated_at = ?
WHERE id = ?
