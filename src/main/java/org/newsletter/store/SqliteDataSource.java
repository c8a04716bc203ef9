package org.newsletter.store;

import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * The driver's data source, but with connections that stay usable after a transaction could not
 * start. sqlite-jdbc records "auto-commit off" before it runs BEGIN IMMEDIATE, so when BEGIN fails
 * (SQLITE_BUSY: another process, such as an import, held the write lock past the busy timeout) the
 * connection believes a transaction is open that is not (xerial/sqlite-jdbc#683). Jdbi then refuses
 * every later transaction on it ("Already in transaction") and cannot close it cleanly. A pool keeps
 * its connections for as long as {@code serve} runs, so one busy moment would spoil one for good.
 */
final class SqliteDataSource extends SQLiteDataSource {

    SqliteDataSource(SQLiteConfig config) {
        super(config);
    }

    /** As {@link SQLiteDataSource} makes them (SQLite has no users or passwords), but of the class below. */
    @Override
    public SQLiteConnection getConnection(String user, String password) throws SQLException {
        String url = getUrl().trim();
        return new ConsistentConnection(url, url.substring(JDBC.PREFIX.length()), getConfig().toProperties());
    }

    private static final class ConsistentConnection extends JDBC4Connection {

        ConsistentConnection(String url, String file, Properties properties) throws SQLException {
            super(url, file, properties);
        }

        @Override
        public void setAutoCommit(boolean autoCommit) throws SQLException {
            try {
                super.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                if (!autoCommit) {
                    // BEGIN failed, so no transaction is open: say so again. (A failed COMMIT is left
                    // as the driver leaves it; whether its transaction is still open depends on why.)
                    getConnectionConfig().setAutoCommit(true);
                }
                throw e;
            }
        }
    }
}
