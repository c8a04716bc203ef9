package org.newsletter.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.newsletter.store.internal.Dialect;

/**
 * Which database to use: {@code NEWSLETTER_DATABASE_URL} from the environment wins, then
 * {@code database:} from newsletter.yaml, else an SQLite file in the workspace's state folder.
 * The password only ever comes from {@code NEWSLETTER_DATABASE_PASSWORD}.
 */
public record DatabaseLocation(String jdbcUrl, String password) {

    public static final String URL_VARIABLE = "NEWSLETTER_DATABASE_URL";
    public static final String PASSWORD_VARIABLE = "NEWSLETTER_DATABASE_PASSWORD";

    /** How long an SQLite statement waits for another process's write lock, unless the URL says otherwise. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

    private static final String BUSY_TIMEOUT_OPTION = "busy_timeout=";

    public DatabaseLocation {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (Dialect.of(jdbcUrl) == Dialect.SQLITE) {
            busyTimeout(jdbcUrl);
        }
    }

    public static DatabaseLocation resolve(String configured, Path stateDir, Map<String, String> environment) {
        String fromEnvironment = environment.get(URL_VARIABLE);
        String url;
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            url = fromEnvironment.strip();
        } else if (configured != null && !configured.isBlank()) {
            url = configured.strip();
        } else {
            url = "jdbc:sqlite:" + stateDir.resolve("newsletter.db").toAbsolutePath();
        }
        return new DatabaseLocation(url, environment.get(PASSWORD_VARIABLE));
    }

    public static DatabaseLocation sqlite(Path file) {
        return new DatabaseLocation("jdbc:sqlite:" + file.toAbsolutePath(), null);
    }

    public Dialect dialect() {
        return Dialect.of(jdbcUrl);
    }

    /**
     * SQLite: how long a statement waits for another process's write lock before it fails as busy,
     * {@code busy_timeout=MILLISECONDS} among the URL's options, else {@link #DEFAULT_BUSY_TIMEOUT}.
     */
    public Duration busyTimeout() {
        return busyTimeout(jdbcUrl);
    }

    private static Duration busyTimeout(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query >= 0) {
            for (String option : jdbcUrl.substring(query + 1).split("&")) {
                if (option.startsWith(BUSY_TIMEOUT_OPTION)) {
                    String value = option.substring(BUSY_TIMEOUT_OPTION.length());
                    if (!value.matches("[0-9]{1,9}")) {
                        throw new IllegalArgumentException("busy_timeout in the database URL must be a number of milliseconds, not '" + value + "'");
                    }
                    return Duration.ofMillis(Long.parseLong(value));
                }
            }
        }
        return DEFAULT_BUSY_TIMEOUT;
    }

    /** The database file of a SQLite URL (without any {@code ?options}). */
    public Path sqliteFile() {
        if (dialect() != Dialect.SQLITE) {
            throw new IllegalStateException("not a SQLite database: " + display());
        }
        return Path.of(jdbcUrl.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "")).toAbsolutePath();
    }

    /** Whether there is a database here to read: a SQLite file that exists (opening one creates it), or any server database. */
    public boolean exists() {
        return dialect() != Dialect.SQLITE || java.nio.file.Files.isRegularFile(sqliteFile());
    }

    /** The URL without credentials, for messages. */
    public String display() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return display();
    }
}
