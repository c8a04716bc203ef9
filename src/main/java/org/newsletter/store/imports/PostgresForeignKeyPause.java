package org.newsletter.store.imports;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a large PostgreSQL import check the subscription table's foreign keys once, at the end,
 * instead of once per row. PostgreSQL checks a foreign key with a trigger per inserted row, which
 * also locks the referenced row; for a million new subscriptions that is about 12 s of the server's
 * time, against under 2 s to check the whole table when the constraints are added back (measured,
 * see BENCHMARKS.md).
 *
 * <p>The constraints are dropped and re-created inside the import's own transaction (PostgreSQL's
 * DDL is transactional): a failed or dry-run import rolls the drop back, and re-creating them
 * validates every row, so the import fails rather than commits a dangling reference. The price is
 * an exclusive lock on the subscription table until the import commits, which is why this happens
 * only once an import has added many people: at least {@link #MINIMUM} and a quarter of the
 * subscriptions already there, so that checking the whole table at the end costs less than the
 * per-row checks it saves.
 */
public final class PostgresForeignKeyPause {

    public static final long MINIMUM = 20_000;

    private record Constraint(String name, String definition) {
    }

    private final Connection connection;
    private final long threshold;
    private final List<Constraint> dropped = new ArrayList<>();
    private long added;

    PostgresForeignKeyPause(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = 'subscription'::regclass")) {
            rs.next();
            this.threshold = Math.max(MINIMUM, rs.getLong(1) / 4);
        }
    }

    /** Counts new subscriptions about to be written; past the threshold, drops the checks. */
    void adding(int subscriptions) throws SQLException {
        added += subscriptions;
        if (added < threshold || !dropped.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    + "WHERE conrelid = 'subscription'::regclass AND contype = 'f' ORDER BY conname")) {
                while (rs.next()) {
                    dropped.add(new Constraint(rs.getString(1), rs.getString(2)));
                }
            }
            for (Constraint constraint : dropped) {
                statement.execute("ALTER TABLE subscription DROP CONSTRAINT " + quoted(constraint.name()));
            }
        }
    }

    /** Puts the constraints back, checking every row; before the import commits. */
    void restore() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Constraint constraint : dropped) {
                statement.execute("ALTER TABLE subscription ADD CONSTRAINT " + quoted(constraint.name()) + " " + constraint.definition());
            }
        }
        dropped.clear();
    }

    boolean paused() {
        return !dropped.isEmpty();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
