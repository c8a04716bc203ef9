package org.newsletter.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Rows for one table sent with {@code COPY … FROM STDIN}, PostgreSQL's bulk path: for people an
 * import has just created nothing can conflict, so their rows need no per-row INSERT at all.
 */
final class PostgresCopy {

    private final String command;
    private final StringBuilder csv = new StringBuilder(1 << 16);
    private int rows;

    /** @param table and columns, e.g. {@code subscriber_tag (subscriber_id, tag)} */
    PostgresCopy(String table) {
        this.command = "COPY " + table + " FROM STDIN (FORMAT csv)";
    }

    /** Adds one row; values are Long or String (never null: COPY csv reads an empty field as NULL). */
    void row(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            Object value = values[i];
            if (value instanceof String text) {
                // RFC 4180 quoting, which is what COPY's csv format reads.
                csv.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(value);
            }
        }
        csv.append('\n');
        rows++;
    }

    void flush(Connection connection) throws SQLException {
        if (rows == 0) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(command, new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + command + " failed: " + e.getMessage(), e);
        }
        csv.setLength(0);
        rows = 0;
    }
}
