package org.newsletter.store;

import java.nio.file.Path;
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

    public DatabaseLocation {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Dialect.of(jdbcUrl);
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

    /** The database file of a SQLite URL (without any {@code ?options}). */
    public Path sqliteFile() {
        if (dialect() != Dialect.SQLITE) {
            throw new IllegalStateException("not a SQLite database: " + display());
        }
        return Path.of(jdbcUrl.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "")).toAbsolutePath();
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
