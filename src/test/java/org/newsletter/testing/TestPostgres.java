package org.newsletter.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.newsletter.store.DatabaseLocation;

/**
 * The PostgreSQL server the tests marked {@link RequiresPostgres} use, and how it is found:
 *
 * <ol>
 *   <li>{@code NEWSLETTER_TEST_POSTGRES=off}: none; those tests are skipped.
 *   <li>{@code NEWSLETTER_TEST_POSTGRES_URL} set: that server. It must answer: whoever set it asked
 *       for the tests to run there, so a server that is down or a wrong URL fails them rather than
 *       letting them pass unrun.
 *   <li>Otherwise the server at {@value #LOCAL_URL}, when one answers there (asked with short
 *       timeouts, so a machine without one loses no time); else the tests are skipped.
 * </ol>
 *
 * Each test gets a schema of its own ({@link #newSchema}), so tests never see each other's rows.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "NEWSLETTER_TEST_POSTGRES_URL";
    public static final String SWITCH_VARIABLE = "NEWSLETTER_TEST_POSTGRES";
    /** Where a developer's or CI's own server usually is: trust authentication, database "test". */
    public static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** Seconds for the probe: a refused connection returns at once, a silent address costs this much. */
    private static final int CONNECT_SECONDS = 2;
    private static final int ANSWER_SECONDS = 3;

    private final String url;

    private TestPostgres(String url) {
        this.url = url;
    }

    /** What looking for a server found. */
    public sealed interface Lookup permits Found, Absent, Misconfigured {
        /** One line for the test log. */
        String message();
    }

    /** A server that answered. */
    public record Found(TestPostgres server, String message) implements Lookup {
    }

    /** No server, and nobody asked for one: the tests are skipped for {@code message}. */
    public record Absent(String message) implements Lookup {
    }

    /** The environment asked for something that does not work: the tests fail with {@code message}. */
    public record Misconfigured(String message) implements Lookup {
    }

    /** Looks for the server as described above, with {@code localUrl} as the fallback address. */
    public static Lookup locate(Map<String, String> environment, String localUrl) {
        String switchValue = environment.getOrDefault(SWITCH_VARIABLE, "").strip();
        if (switchValue.equals("off")) {
            return new Absent("PostgreSQL tests skipped: " + SWITCH_VARIABLE + "=off");
        }
        if (!switchValue.isEmpty()) {
            return new Misconfigured(SWITCH_VARIABLE + "='" + switchValue + "' is not understood: set it to 'off' to skip the "
                    + "PostgreSQL tests, or unset it to run them");
        }
        String configured = environment.getOrDefault(URL_VARIABLE, "").strip();
        if (!configured.isEmpty()) {
            if (!configured.startsWith("jdbc:postgresql:")) {
                return new Misconfigured(URL_VARIABLE + " must be a jdbc:postgresql://HOST:PORT/DATABASE?user=USER URL, not '"
                        + display(configured) + "'");
            }
            String problem = probe(configured);
            return problem == null
                    ? new Found(new TestPostgres(configured), "PostgreSQL tests use " + display(configured) + " (" + URL_VARIABLE + ")")
                    : new Misconfigured(URL_VARIABLE + "=" + display(configured) + " does not answer: " + problem
                            + "; start that server or correct the URL, unset it to use a server at " + display(LOCAL_URL)
                            + " if there is one, or set " + SWITCH_VARIABLE + "=off to skip the PostgreSQL tests");
        }
        String problem = probe(localUrl);
        return problem == null
                ? new Found(new TestPostgres(localUrl), "PostgreSQL tests use " + display(localUrl))
                : new Absent("PostgreSQL tests skipped: no server answers at " + display(localUrl) + " (" + problem + "); start one there, "
                        + "or set " + URL_VARIABLE + "=jdbc:postgresql://HOST:PORT/DATABASE?user=USER to use another");
    }

    /** Null when {@code url} answers a query, else why not (one line). */
    private static String probe(String url) {
        Properties options = new Properties();
        // Options in the URL itself win over these (pgjdbc reads the URL last).
        options.setProperty("connectTimeout", String.valueOf(CONNECT_SECONDS));
        options.setProperty("loginTimeout", String.valueOf(ANSWER_SECONDS));
        options.setProperty("socketTimeout", String.valueOf(ANSWER_SECONDS));
        try (Connection connection = DriverManager.getConnection(url, options); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return null;
        } catch (SQLException e) {
            String line = firstLine(e);
            // pgjdbc's "The connection attempt failed" says why only in its cause ("Network is unreachable").
            String cause = e.getCause() == null ? "" : firstLine(e.getCause());
            return cause.isEmpty() || line.contains(cause) ? line : line + ": " + cause;
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline).strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    /** The URL without its password, for messages. */
    static String display(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** The server's URL, as the tests connect to it. */
    public String url() {
        return url;
    }

    /** A new, empty schema of its own on the server; drop it with {@link #dropSchema}. */
    public DatabaseLocation newSchema() {
        String schema = "nl_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        return new DatabaseLocation(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, null);
    }

    /** Drops a schema made by {@link #newSchema}, with everything in it. */
    public void dropSchema(DatabaseLocation location) {
        String schema = location.jdbcUrl().replaceAll(".*currentSchema=", "");
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + display(url) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return display(url);
    }
}
