UPDATE subscriber s SET name = u.name, updated_at = u.at
FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS u (name, at, id) WHERE s.id = u.id
