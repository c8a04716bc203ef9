-- Adds tags (a set: sorted, no repeats) and sets attributes (jsonb ||: the new values win, the others
-- stay) in one statement, so two changes at once cannot lose each other's.
UPDATE subscriber
SET tags = COALESCE((SELECT jsonb_agg(DISTINCT v ORDER BY v)
                     FROM jsonb_array_elements(subscriber.tags || CAST(:tags AS jsonb)) v), '[]'::jsonb),
    attributes = attributes || CAST(:attributes AS jsonb),
    updated_at = :now
WHERE id = :id
