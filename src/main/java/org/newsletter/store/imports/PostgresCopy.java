package org.newsletter.store.imports;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for one table sent with {@code COPY … FROM STDIN (FORMAT binary)}, PostgreSQL's bulk path:
 * for people an import has just created nothing can conflict, so their rows need no per-row INSERT
 * at all.
 *
 * <p>Rows arrive already encoded ({@link CopyFields}) but for their first column, a bigint id (the
 * import's reading thread makes them), and are streamed every {@link #CHUNK} bytes, so the server
 * inserts the first rows of a batch while this thread adds the rest.
 */
final class PostgresCopy implements AutoCloseable {

    private static final int CHUNK = 32 * 1024;
    /** The binary format's signature, then 32-bit flags and header-extension length, both 0. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** A field count of -1 ends the data. */
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

    private final Connection connection;
    private final String command;
    private final int fields;
    private final CopyFields buffer = new CopyFields(CHUNK + 1024);
    private CopyIn copy;

    /**
     * @param table and columns, e.g. {@code subscription (subscriber_id, list_id, status, how, changed_at)}
     * @param fields how many columns that is
     */
    PostgresCopy(Connection connection, String table, int fields) {
        this.connection = connection;
        this.command = "COPY " + table + " FROM STDIN (FORMAT binary)";
        this.fields = fields;
    }

    /** Adds one row: {@code first} and the other columns' fields, in order. */
    void row(long first, byte[] rest) throws SQLException {
        buffer.count(fields).int8(first).raw(rest);
        if (buffer.length() >= CHUNK) {
            send();
        }
    }

    /** Sends the last rows and ends the COPY; the rows are then in the table (within the transaction). */
    void finish() throws SQLException {
        if (buffer.length() == 0 && copy == null) {
            return;
        }
        buffer.raw(TRAILER);
        send();
        CopyIn open = copy;
        copy = null;
        open.endCopy();
    }

    private void send() throws SQLException {
        if (copy == null) {
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(command);
            copy.writeToCopy(HEADER, 0, HEADER.length);
        }
        copy.writeToCopy(buffer.buffer(), 0, buffer.length());
        buffer.clear();
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
