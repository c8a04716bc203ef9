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

    /**
     * The URL of {@code location}'s SQLite file with a busy timeout of {@code millis} instead of 10 s
     * ({@link DatabaseLocation#busyTimeout()}), so a test of what happens past that timeout need not
     * wait 10 s for it.
     */
    public static String withBusyTimeout(DatabaseLocation location, long millis) {
        return "jdbc:sqlite:" + location.sqliteFile() + "?busy_timeout=" + millis;
    }
}
