package org.newsletter.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.JdbiException;
import org.newsletter.store.internal.Dialect;
import org.sqlite.SQLiteConfig;

/**
 * A consistent copy of the SQLite database, taken while {@code serve} or a campaign keeps writing.
 * {@code VACUUM INTO} reads one snapshot inside a read transaction, which WAL mode lets run beside
 * writers, and writes a compact, self-contained file (no -wal or -shm beside it), so the copy can be
 * restored by copying it back. The copy holds the token secret and personal data, so it is created
 * readable by its owner only, under a temporary name that is renamed once the copy is complete and
 * has passed SQLite's own check: a failed backup never leaves a partial file under the name asked for.
 */
public final class DatabaseBackup {

    private final Database database;

    public DatabaseBackup(Database database) {
        this.database = database;
    }

    /**
     * Copies the database to {@code target}, which must not exist yet, and returns the copy's size in
     * bytes; messages name it as {@code shownAs} (the path as the user typed it).
     */
    public long copyTo(Path target, String shownAs) {
        if (database.dialect() != Dialect.SQLITE) {
            throw new StoreException("backup copies the SQLite database; this workspace uses PostgreSQL, which pg_dump backs up");
        }
        Path file = target.toAbsolutePath();
        if (Files.exists(file)) {
            throw new StoreException(shownAs + " already exists; name a new file (nothing was written)");
        }
        if (file.getParent() == null || !Files.isDirectory(file.getParent())) {
            throw new StoreException("no folder to write " + shownAs + " into");
        }
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            createPrivately(partial);
            database.handle().execute("VACUUM INTO ?", partial.toString());
            quickCheck(partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(file);
        } catch (IOException | JdbiException | SQLException e) {
            StoreException failure = new StoreException("could not back up the database to " + shownAs + ": " + Database.firstLine(e.getMessage()), e);
            removeLeftover(partial, failure);
            throw failure;
        }
    }

    private static void createPrivately(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** SQLite's quick_check on the copy: a torn or truncated file is found now, not on the day of the restore. */
    private static void quickCheck(Path copy) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy, readOnly.toProperties());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
            String verdict = result.next() ? result.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new SQLException("the copy failed SQLite's quick_check: " + verdict);
            }
        }
    }

    /** After a failure: the partial copy goes; if even that fails, the reason travels with the failure (--verbose shows it). */
    private static void removeLeftover(Path partial, StoreException failure) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
