package org.newsletter.store;

import java.nio.file.Path;

/**
 * Fresh, empty SQLite databases for tests: a file in a temporary folder. (PostgreSQL ones come from
 * {@link org.newsletter.testing.TestPostgres}.)
 */
public final class StoreBackend {

    private StoreBackend() {
    }

    public static DatabaseLocation sqlite(Path dir) {
        return DatabaseLocation.sqlite(dir.resolve("test.db"));
    }

}
