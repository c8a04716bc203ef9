package org.newsletter.store;

import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.newsletter.store.internal.Dialect;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens the database, brings its schema up to date with Flyway, and hands out the one JDBC
 * connection a command works through. SQLite runs in WAL mode with a busy timeout so a running
 * {@code serve} and a CLI command can share the file without "database is locked".
 */
public final class Database implements AutoCloseable {

    private final DatabaseLocation location;
    private final Handle handle;

    private Database(DatabaseLocation location, Handle handle) {
        this.location = location;
        this.handle = handle;
    }

    public static Database open(DatabaseLocation location) {
        return openMany(location, 1).get(0);
    }

    /**
     * {@code count} connections to one database, migrated once: a server's threads each need their
     * own (a JDBC connection is not shared between threads), and Flyway need not check the schema
     * for every one of them.
     */
    public static java.util.List<Database> openMany(DatabaseLocation location, int count) {
        DataSource dataSource = dataSource(location);
        if (!SchemaVersion.isNewest(dataSource)) {
            migrate(location, dataSource);
        }
        Jdbi jdbi = Jdbi.create(dataSource);
        // Jdbi's messages would quote the statement and its bound values (addresses, names) into every
        // error line and log; the cause's own message says what went wrong.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        java.util.List<Database> opened = new java.util.ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                opened.add(new Database(location, jdbi.open()));
            }
            // A database this open created is private before the token secret goes in (its folder is 0700 already).
            PrivateFiles.restrictDatabase(location);
            return opened;
        } catch (RuntimeException e) {
            opened.forEach(Database::close);
            throw new StoreException("cannot open the database " + location + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static void migrate(DatabaseLocation location, DataSource dataSource) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(location.dialect().migrationLocation())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot prepare the database " + location + ": " + firstLine(e.getMessage()), e);
        }
    }

    static DataSource dataSource(DatabaseLocation location) {
        if (location.dialect() == Dialect.SQLITE) {
            String file = location.jdbcUrl().substring("jdbc:sqlite:".length());
            createParentFolder(file);
            if (!file.startsWith(":memory:") && !file.isEmpty()) {
                SqliteFileCheck.requireDatabaseOrMissing(location.sqliteFile());
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // WAL with NORMAL is durable against application crashes; only a power cut can lose the last commits.
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            // The driver's own reading of busy_timeout in the URL would lose to this setting.
            config.setBusyTimeout((int) location.busyTimeout().toMillis());
            // BEGIN IMMEDIATE: take the write lock when a transaction starts. A deferred transaction that
            // reads first and then writes cannot wait for another writer (SQLITE_BUSY at once, whatever
            // the busy timeout), which is the "database is locked" error this setting prevents.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.enforceForeignKeys(true);
            // SQLite's own per-call mutex is redundant here: the driver already serialises every call
            // on a connection (its native methods synchronise on the connection), and we never share
            // one between threads anyway. Without it, a bulk import's millions of binds skip a lock
            // and unlock each (https://sqlite.org/threadsafe.html, multi-thread mode).
            config.setOpenMode(SQLiteOpenMode.NOMUTEX);
            config.setTempStore(SQLiteConfig.TempStore.MEMORY);
            // 8 MB page cache: enough for commands and campaigns, which read in order; an import
            // raises its own connection's to 64 MB while it runs (it touches large indexes at random).
            config.setCacheSize(-8_000);
            SQLiteDataSource dataSource = new SqliteDataSource(config);
            dataSource.setUrl(location.jdbcUrl());
            return dataSource;
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(location.jdbcUrl());
        if (location.password() != null) {
            dataSource.setPassword(location.password());
        }
        // One multi-row INSERT per batch instead of one round trip per row.
        dataSource.setReWriteBatchedInserts(true);
        dataSource.setConnectTimeout(10);
        dataSource.setSocketTimeout(300);
        return dataSource;
    }

    private static void createParentFolder(String file) {
        if (file.startsWith(":memory:") || file.isEmpty()) {
            return;
        }
        Path parent = Path.of(file.replaceFirst("\\?.*$", "")).toAbsolutePath().getParent();
        try {
            PrivateFiles.createFolder(parent);
        } catch (java.io.UncheckedIOException e) {
            throw new StoreException("cannot create the folder for the database: " + parent, e);
        }
    }

    /** SQLite: how long a statement waits for another connection's write lock before SQLITE_BUSY. */
    void busyTimeout(Duration patience) {
        if (location.dialect() == Dialect.SQLITE) {
            handle.execute("PRAGMA busy_timeout = " + patience.toMillis());
        }
    }

    public Handle handle() {
        return handle;
    }

    public Dialect dialect() {
        return location.dialect();
    }

    public DatabaseLocation location() {
        return location;
    }

    @Override
    public void close() {
        handle.close();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
