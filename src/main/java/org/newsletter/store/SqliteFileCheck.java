package org.newsletter.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Refuses a database file that exists but is not an SQLite database, before the driver sees it:
 * SQLite treats an empty file as a new database and would quietly start afresh, with a new token
 * secret that breaks every unsubscribe link already mailed. Only a missing file is created.
 */
final class SqliteFileCheck {

    /** The first 16 bytes of every SQLite 3 database (https://sqlite.org/fileformat.html, section 1.3). */
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteFileCheck() {
    }

    static void requireDatabaseOrMissing(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            if (Files.size(file) == 0) {
                // In WAL mode a brand-new database's first pages may still be only in the -wal file.
                Path wal = file.resolveSibling(file.getFileName() + "-wal");
                if (Files.exists(wal) && Files.size(wal) > 0) {
                    return;
                }
                throw new StoreException("the database file " + file + " is empty, so it holds no subscribers and no token secret;"
                        + " restore it from a backup, or delete it to start a new database");
            }
            byte[] start;
            try (InputStream in = Files.newInputStream(file)) {
                start = in.readNBytes(HEADER.length);
            }
            if (!Arrays.equals(start, HEADER)) {
                throw new StoreException("the database file " + file + " is not an SQLite database;"
                        + " check the database setting, restore the file from a backup, or move it away to start a new database");
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the database file " + file + ": " + e.getMessage(), e);
        }
    }
}
