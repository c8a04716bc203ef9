PRAGMA cache_size = -64000
