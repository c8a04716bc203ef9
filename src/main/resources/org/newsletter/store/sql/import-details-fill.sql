-- A later row of the same file for someone this import has just added: it only fills in what the first
-- row left empty (the name, the tags, attributes the person does not have); nothing the first row gave is
-- replaced. json_patch(new, stored): the stored values are the patch, so they win (RFC 7396).
UPDATE subscriber
SET name = CASE WHEN name = '' THEN ? ELSE name END,
    tags = CASE WHEN tags = '[]' THEN ? ELSE tags END,
    attributes = json_patch(?, attributes),
    updated_at = ?
WHERE id = ?
