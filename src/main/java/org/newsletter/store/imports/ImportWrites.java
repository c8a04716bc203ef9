package org.newsletter.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsletter.model.MailingList;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.internal.DetailsJson;
import org.newsletter.store.internal.Dialect;
import org.newsletter.store.internal.Sql;

/**
 * The writes of one batch other than new people's rows, collected column by column and sent
 * together: to SQLite as JDBC batches of statements prepared once per import, to PostgreSQL as one
 * {@code unnest(array…)} statement per table, which saves a round trip per row. At a million rows
 * the cost of binding through a mapping layer would exceed the database's own work, so this is
 * plain JDBC.
 */
final class ImportWrites implements AutoCloseable {
    private final ImportTable details;
    private final ImportTable subscriptions;
    private final ImportTable events;
    private final ImportTable names;
    private final ImportTable fills;
    private final DetailsJson json = new DetailsJson();
    private final PostgresForeignKeyPause foreignKeys;
    private final PreparedStatement subscribeRange;
    private final long listId;
    private final String how;
    private final long now;
    private long nextId;

    /** @param firstNewId the first id this import gives a new person (SQLite: the import holds the only write lock) */
    ImportWrites(Connection connection, Sql sql, Dialect dialect, MailingList list, String how, long now, long firstNewId) throws SQLException {
        this.details = new ImportTable(connection, sql, dialect, "import-details-add", "text", "text", "bigint", "bigint");
        this.subscriptions = new ImportTable(connection, sql, dialect, "import-subscription-upsert", "bigint", "bigint", "text", "text", "bigint");
        this.events = new ImportTable(connection, sql, dialect, "import-event-insert", "bigint", "bigint");
        this.names = new ImportTable(connection, sql, dialect, "import-name-update", "text", "bigint", "bigint");
        this.fills = new ImportTable(connection, sql, dialect, "import-details-fill", "text", "text", "text", "bigint", "bigint");
        this.foreignKeys = dialect == Dialect.POSTGRESQL ? new PostgresForeignKeyPause(connection) : null;
        this.subscribeRange = connection.prepareStatement(sql.get("import-subscription-range"));
        this.nextId = firstNewId;
        this.listId = list.id();
        this.how = how;
        this.now = now;
    }

    long listId() {
        return listId;
    }

    /** Adds tags and sets attributes of someone already in the database. */
    void details(long id, Set<String> tagSet, Map<String, String> attributeMap) {
        details.add(json.tags(tagSet), json.attributes(attributeMap), now, id);
    }

    /**
     * A later row of the file for someone this import added from an earlier batch: fills in only what
     * the first row left empty ({@link ImportedPerson#fillFrom}, done by the database).
     */
    void fill(long id, ImportedPerson later) {
        fills.add(later.name == null ? "" : later.name, later.tagsJson, later.attributesJson, now, id);
    }

    /** Ids for {@code count} new people (SQLite), consecutive; returns the first. */
    long reserveIds(int count) {
        long first = nextId;
        nextId += count;
        return first;
    }

    /** Subscribes the new people with ids {@code first..last} to the list, at once. */
    void subscribeRange(long first, long last, SubscriptionStatus status) throws SQLException {
        subscribeRange.setLong(1, listId);
        subscribeRange.setString(2, status.word());
        subscribeRange.setString(3, how);
        subscribeRange.setLong(4, now);
        subscribeRange.setLong(5, first);
        subscribeRange.setLong(6, last);
        subscribeRange.executeUpdate();
    }

    /** A subscription to the list that did not exist. */
    void subscribe(long id, SubscriptionStatus status) {
        subscriptions.add(id, listId, status.word(), how, now);
    }

    /** A change of an existing subscription: the state it leaves goes into the log first. */
    void change(long id, SubscriptionStatus status) {
        events.add(id, listId);
        subscriptions.add(id, listId, status.word(), how, now);
    }

    void update(long id, ImportedPerson person) {
        if (person.name != null) {
            names.add(person.name, now, id);
        }
        details(id, person.tags, person.attributes);
    }

    /** Told before new people's subscriptions are copied in bulk (PostgreSQL). */
    void addingSubscriptions(int count) throws SQLException {
        if (foreignKeys != null) {
            foreignKeys.adding(count);
        }
    }

    /** Called once all batches are written, before the import commits: checks what was left unchecked. */
    void finish() throws SQLException {
        if (foreignKeys != null) {
            foreignKeys.restore();
        }
    }

    /** Sends what the batch collected; every subscriber row exists by now, and the log is written before the changes. */
    void execute() throws SQLException {
        for (ImportTable table : List.of(names, details, fills, events, subscriptions)) {
            table.flush();
        }
    }

    @Override
    public void close() throws SQLException {
        for (ImportTable table : List.of(details, subscriptions, events, names, fills)) {
            table.close();
        }
        subscribeRange.close();
    }
}
