PRAGMA cache_size = -8000
