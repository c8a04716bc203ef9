-- Ids for new people from the subscriber sequence. The sequence is looked up once, in an InitPlan:
-- pg_get_serial_sequence called per row (catalog lookups each time) cost 6 s of server CPU per million.
SELECT nextval((SELECT CAST(pg_get_serial_sequence('subscriber', 'id') AS regclass))) FROM generate_series(1, ?)
