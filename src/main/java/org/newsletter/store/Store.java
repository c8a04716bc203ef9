package org.newsletter.store;

import org.newsletter.model.Campaign;
import org.newsletter.model.MailingList;

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
    private final CampaignRepository campaigns;
    private final SettingRepository settings;
    private final BounceRepository bounces;
    private final Sql sql;
    private final Clock clock;

    private Store(Database database, Clock clock) {
        this.database = database;
        Sql sql = new Sql();
        this.sql = sql;
        this.clock = clock;
        var handle = database.handle();
        this.lists = new ListRepository(handle, sql, clock);
        this.suppressions = new SuppressionRepository(handle, sql, clock);
        this.subscribers = new SubscriberRepository(handle, sql, clock, suppressions);
        this.imports = new SubscriberImport(handle, sql, clock, database.dialect());
        this.listing = new SubscriberListing(handle, sql, database.dialect());
        this.personalData = new PersonalData(handle, sql, subscribers, suppressions);
        this.campaigns = new CampaignRepository(handle, sql, clock, suppressions);
        this.settings = new SettingRepository(handle, sql);
        this.bounces = new BounceRepository(handle, sql, clock, suppressions, subscribers, lists);
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

    public SettingRepository settings() {
        return settings;
    }

    public BounceRepository bounces() {
        return bounces;
    }

    public CampaignRepository campaigns() {
        return campaigns;
    }

    /**
     * Registers this process as a sender of {@code campaign} and returns its journal; close it when
     * the process stops sending.
     */
    public DeliveryJournal journal(Campaign campaign, MailingList list) {
        SenderLiveness liveness = database.dialect() == Dialect.POSTGRESQL
                ? new PostgresSenderLiveness(database.handle(), sql)
                : new FileSenderLiveness(database.location().sqliteFile());
        return new DeliveryJournal(database.handle(), sql, clock, database.dialect(), liveness, suppressions, campaign, list);
    }

    public Dialect dialect() {
        return database.dialect();
    }

    @Override
    public void close() {
        database.close();
    }
}
