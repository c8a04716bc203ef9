-- As import-details-fill: only what the first row left empty is filled in; jsonb || lets the stored values win.
UPDATE subscriber s
SET name = CASE WHEN s.name = '' THEN u.name ELSE s.name END,
    tags = CASE WHEN s.tags = '[]'::jsonb THEN u.tags::jsonb ELSE s.tags END,
    attributes = u.attributes::jsonb || s.attributes,
    updated_at = u.at
FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS u (name, tags, attributes, at, id)
WHERE s.id = u.id
