-- Only takes effect outside a transaction, so it is set before the import begins and set back after.
PRAGMA foreign_keys = OFF
