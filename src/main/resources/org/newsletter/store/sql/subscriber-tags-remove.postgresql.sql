UPDATE subscriber
SET tags = tags - ARRAY(SELECT jsonb_array_elements_text(CAST(:tags AS jsonb))),
    updated_at = :now
WHERE id = :id
