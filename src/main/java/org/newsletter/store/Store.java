package org.newsletter.store;

import java.time.Clock;

/**
 * The subscriber store of one workspace: one database connection and the repositories that use it.
 * Open it for a command and close it at the end.
 */
public final class Store implements AutoCloseable {

    private final Database database;
    private final ListRepository lists;
    private final SubscriberRepository subscribers;
    private final SuppressionRepository suppressions;
    private final SubscriberImport imports;
    private final SubscriberListing listing;
    private final PersonalData personalData;

    private Store(Database database, Clock clock) {
        this.database = database;
        Sql sql = new Sql();
        var handle = database.handle();
        this.lists = new ListRepository(handle, sql, clock);
        this.suppressions = new SuppressionRepository(handle, sql, clock);
        this.subscribers = new SubscriberRepository(handle, sql, clock, suppressions);
        this.imports = new SubscriberImport(handle, sql, clock, database.dialect());
        this.listing = new SubscriberListing(handle, sql, database.dialect());
        this.personalData = new PersonalData(handle, subscribers, suppressions);
    }

    public static Store open(DatabaseLocation location, Clock clock) {
        return new Store(Database.open(location), clock);
    }

    public ListRepository lists() {
        return lists;
    }

    public SubscriberRepository subscribers() {
        return subscribers;
    }

    public SuppressionRepository suppressions() {
        return suppressions;
    }

    public SubscriberImport imports() {
        return imports;
    }

    public SubscriberListing listing() {
        return listing;
    }

    public PersonalData personalData() {
        return personalData;
    }

    public Dialect dialect() {
        return database.dialect();
    }

    @Override
    public void close() {
        database.close();
    }
}
