UPDATE subscriber
SET tags = (SELECT json_group_array(value) FROM (
                SELECT value FROM json_each(subscriber.tags)
                WHERE value NOT IN (SELECT value FROM json_each(:tags)) ORDER BY 1)),
    updated_at = :now
WHERE id = :id
