package org.newsletter.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for one table sent with {@code COPY … FROM STDIN}, PostgreSQL's bulk path: for people an
 * import has just created nothing can conflict, so their rows need no per-row INSERT at all.
 *
 * <p>Rows arrive already formatted but for their first column (the import's reading thread makes
 * them) and are streamed every {@link #CHUNK} characters, so the server inserts the first rows of a
 * batch while this thread adds the rest.
 */
final class PostgresCopy implements AutoCloseable {

    private static final int CHUNK = 32 * 1024;

    private final Connection connection;
    private final String command;
    private final StringBuilder csv = new StringBuilder(CHUNK + 1024);
    private CopyIn copy;

    /** @param table and columns, e.g. {@code subscription (subscriber_id, list_id, status, how, changed_at)} */
    PostgresCopy(Connection connection, String table) {
        this.connection = connection;
        this.command = "COPY " + table + " FROM STDIN (FORMAT csv)";
    }

    /**
     * Adds one row made of {@code first} and the rest of the row, already formatted ({@link
     * #appendQuoted}, commas between fields, a line break at the end).
     */
    void row(long first, String rest) throws SQLException {
        csv.append(first).append(rest);
        if (csv.length() >= CHUNK) {
            send();
        }
    }

    /** A field in RFC 4180 quotes, which is what COPY's csv format reads: inner quotes doubled. */
    static void appendQuoted(StringBuilder csv, String text) {
        csv.append('"');
        int quote = text.indexOf('"');
        if (quote < 0) {
            csv.append(text); // nearly always: one bulk copy instead of a test per character
        } else {
            int from = 0;
            for (; quote >= 0; quote = text.indexOf('"', quote + 1)) {
                csv.append(text, from, quote + 1).append('"');
                from = quote + 1;
            }
            csv.append(text, from, text.length());
        }
        csv.append('"');
    }

    /** Sends the last rows and ends the COPY; the rows are then in the table (within the transaction). */
    void finish() throws SQLException {
        if (csv.length() > 0) {
            send();
        }
        if (copy != null) {
            CopyIn open = copy;
            copy = null;
            open.endCopy();
        }
    }

    private void send() throws SQLException {
        if (copy == null) {
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(command);
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        csv.setLength(0);
    }

    /** Abandons a COPY that was not finished (an error elsewhere), so the connection can roll back. */
    @Override
    public void close() throws SQLException {
        if (copy != null && copy.isActive()) {
            copy.cancelCopy();
        }
        copy = null;
    }
}
