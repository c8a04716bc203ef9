SELECT nextval(pg_get_serial_sequence('subscriber', 'id')) FROM generate_series(1, ?)
