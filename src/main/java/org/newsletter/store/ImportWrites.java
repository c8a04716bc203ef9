package org.newsletter.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsletter.model.MailingList;
import org.newsletter.model.SubscriptionStatus;

/**
 * The writes of one batch, collected column by column and sent together: to SQLite as JDBC batches
 * of statements prepared once per import, to PostgreSQL as one {@code unnest(array…)} statement
 * per table, which saves a round trip per row. At a million rows the cost of binding through a
 * mapping layer would exceed the database's own work, so this is plain JDBC.
 */
final class ImportWrites implements AutoCloseable {
    private final ImportTable tags;
    private final ImportTable attributes;
    private final ImportTable subscriptions;
    private final ImportTable events;
    private final ImportTable names;
    private final long listId;
    private final String how;
    private final long now;

    ImportWrites(Connection connection, Sql sql, Dialect dialect, MailingList list, String how, long now) throws SQLException {
        this.tags = new ImportTable(connection, sql, dialect, "import-tag-insert", "bigint", "text");
        this.attributes = new ImportTable(connection, sql, dialect, "import-attribute-upsert", "bigint", "text", "text");
        this.subscriptions = new ImportTable(connection, sql, dialect, "import-subscription-upsert", "bigint", "bigint", "text", "text", "bigint");
        this.events = new ImportTable(connection, sql, dialect, "import-event-insert", "bigint", "bigint", "text", "text", "bigint");
        this.names = new ImportTable(connection, sql, dialect, "import-name-update", "text", "bigint", "bigint");
        this.listId = list.id();
        this.how = how;
        this.now = now;
    }

    long listId() {
        return listId;
    }

    void details(long id, Set<String> tagSet, Map<String, String> attributeMap) {
        for (String tag : tagSet) {
            tags.add(id, tag);
        }
        for (Map.Entry<String, String> attribute : attributeMap.entrySet()) {
            attributes.add(id, attribute.getKey(), attribute.getValue());
        }
    }

    void status(long id, SubscriptionStatus status) {
        subscriptions.add(id, listId, status.word(), how, now);
        events.add(id, listId, status.word(), how, now);
    }

    void update(long id, ImportedPerson person) {
        if (person.name != null) {
            names.add(person.name, now, id);
        }
        details(id, person.tags, person.attributes);
    }

    /** Sends what the batch collected; every subscriber row exists by now. */
    void execute() throws SQLException {
        for (ImportTable table : List.of(names, tags, attributes, subscriptions, events)) {
            table.flush();
        }
    }

    @Override
    public void close() throws SQLException {
        for (ImportTable table : List.of(tags, attributes, subscriptions, events, names)) {
            table.close();
        }
    }
}
