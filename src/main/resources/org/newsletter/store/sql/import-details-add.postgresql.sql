-- As subscriber-details-add: tags are added as a set, attributes merged (jsonb ||), new values winning.
UPDATE subscriber s
SET tags = COALESCE((SELECT jsonb_agg(DISTINCT v ORDER BY v) FROM jsonb_array_elements(s.tags || u.tags::jsonb) v), '[]'::jsonb),
    attributes = s.attributes || u.attributes::jsonb,
    updated_at = u.at
FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS u (tags, attributes, at, id)
WHERE s.id = u.id
