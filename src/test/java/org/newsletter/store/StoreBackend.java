package org.newsletter.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, empty databases for tests: an SQLite file in a temporary folder, or a new schema in the
 * PostgreSQL server named by {@code NEWSLETTER_TEST_POSTGRES_URL} (.ci/run sets it; elsewhere those
 * tests are skipped, saying how to run them).
 */
public final class StoreBackend {

    public static final String POSTGRES_VARIABLE = "NEWSLETTER_TEST_POSTGRES_URL";
    public static final String SKIP_MESSAGE = "PostgreSQL tests skipped: set " + POSTGRES_VARIABLE
            + "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres to run them";

    private StoreBackend() {
    }

    public static DatabaseLocation sqlite(Path dir) {
        return DatabaseLocation.sqlite(dir.resolve("test.db"));
    }

    /** The server URL, or skips the calling test with {@link #SKIP_MESSAGE}. */
    public static String postgresUrl() {
        String url = System.getenv(POSTGRES_VARIABLE);
        if (url == null || url.isBlank()) {
            System.out.println(SKIP_MESSAGE);
        }
        Assumptions.assumeTrue(url != null && !url.isBlank(), SKIP_MESSAGE);
        return url;
    }

    /** A new schema of its own, so tests never see each other's rows; drop it with {@link #dropSchema}. */
    public static DatabaseLocation postgresSchema(String serverUrl) {
        String schema = "nl_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(serverUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + serverUrl + ": " + e.getMessage(), e);
        }
        return new DatabaseLocation(serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema, null);
    }

    public static void dropSchema(String serverUrl, DatabaseLocation location) {
        String schema = location.jdbcUrl().replaceAll(".*currentSchema=", "");
        try (Connection connection = DriverManager.getConnection(serverUrl); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
