package org.newsletter.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.newsletter.model.Campaign;
import org.newsletter.model.MailingList;
import org.newsletter.store.internal.Dialect;
import org.newsletter.store.internal.Sql;

/**
 * The subscriber store of one workspace: one database connection and the repositories that use it.
 * Open it for a command and close it at the end.
 */
public final class Store implements AutoCloseable {

    private final Database database;
    private final ListRepository lists;
    private final SubscriberRepository subscribers;
    private final SuppressionRepository suppressions;
    private final WithdrawnConsents withdrawn;
    private final SubscriberListing listing;
    private final PersonalData personalData;
    private final CampaignRepository campaigns;
    private final ScheduleRepository schedules;
    private final SettingRepository settings;
    private final SelfService selfService;
    private final BounceRepository bounces;
    private final CampaignOutcomes outcomes;
    private final TrackingRepository tracking;
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
        this.withdrawn = new WithdrawnConsents(handle, sql);
        this.subscribers = new SubscriberRepository(handle, sql, database.dialect(), clock, suppressions, withdrawn);
        this.listing = new SubscriberListing(handle, sql, database.dialect());
        this.bounces = new BounceRepository(handle, sql, clock, suppressions, subscribers, lists);
        this.tracking = new TrackingRepository(handle, sql);
        this.personalData = new PersonalData(handle, sql, subscribers, suppressions, withdrawn, bounces, tracking);
        this.campaigns = new CampaignRepository(handle, sql, database.dialect(), clock, suppressions);
        this.schedules = new ScheduleRepository(handle, sql, clock, campaigns);
        this.settings = new SettingRepository(handle, sql);
        this.outcomes = new CampaignOutcomes(handle, sql, campaigns);
        this.selfService = new SelfService(handle, sql, clock, suppressions, withdrawn, subscribers);
    }

    /**
     * How long a server's writes and a campaign wait while another process holds SQLite's write
     * lock, which a large import does until it commits (five million rows: about half a minute on
     * two cores). A reader's unsubscribe that arrives meanwhile is recorded when the import is done,
     * and a campaign pauses, instead of failing after the 10 s busy timeout other commands keep.
     */
    public static final Duration PATIENCE_WITH_OTHER_WRITERS = Duration.ofMinutes(10);

    public static Store open(DatabaseLocation location, Clock clock) {
        return new Store(Database.open(location), clock);
    }

    /** {@code size} stores on one database, for a server that serves requests on several threads. */
    public static StorePool openPool(DatabaseLocation location, Clock clock, int size) {
        return openPool(location, clock, size, PATIENCE_WITH_OTHER_WRITERS);
    }

    /** As {@link #openPool(DatabaseLocation, Clock, int)}, with how long a write waits out another process's lock. */
    static StorePool openPool(DatabaseLocation location, Clock clock, int size, Duration patience) {
        List<Store> stores = Database.openMany(location, size).stream().map(d -> new Store(d, clock)).toList();
        stores.forEach(store -> store.waitForOtherWriters(patience));
        return new StorePool(stores, patience);
    }

    /**
     * SQLite: lets each statement wait up to {@code patience} for another process's write lock,
     * instead of the 10 s busy timeout every connection starts with. PostgreSQL waits for locks
     * without a limit already.
     */
    public void waitForOtherWriters(Duration patience) {
        database.busyTimeout(patience);
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

    /** The lists removed or erased people had left, kept by a hash of the address. */
    public WithdrawnConsents withdrawnConsents() {
        return withdrawn;
    }

    /** The connection, for the import machinery ({@code store.imports}), which builds on the store. */
    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
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

    /** What people do to their own subscriptions through signed links and the subscribe form. */
    public SelfService selfService() {
        return selfService;
    }

    public BounceRepository bounces() {
        return bounces;
    }

    public CampaignRepository campaigns() {
        return campaigns;
    }

    /** The figures of campaign reports. */
    public CampaignOutcomes outcomes() {
        return outcomes;
    }

    /** Tracked links, click and image-load counts, and per-person clicks (newsletter.yaml {@code tracking:}). */
    public TrackingRepository tracking() {
        return tracking;
    }

    /** Campaigns scheduled for later ({@code send --at}). */
    public ScheduleRepository schedules() {
        return schedules;
    }

    /**
     * Registers this process as a sender of {@code campaign} and returns its journal; close it when
     * the process stops sending.
     */
    public DeliveryJournal journal(Campaign campaign, MailingList list) {
        if (database.dialect() == Dialect.POSTGRESQL) {
            return new DeliveryJournal(database.handle(), sql, clock, database.dialect(), new PostgresSenderLiveness(database.handle(), sql),
                    suppressions, campaign, list, null);
        }
        FileSenderLiveness liveness = new FileSenderLiveness(database.location().sqliteFile());
        return new DeliveryJournal(database.handle(), sql, clock, database.dialect(), liveness, suppressions, campaign, list, liveness.folder());
    }

    /** Whether the database answers at all: a health check's question. */
    public boolean ping() {
        try {
            return database.handle().createQuery("SELECT 1").mapTo(Integer.class).one() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Dialect dialect() {
        return database.dialect();
    }

    @Override
    public void close() {
        database.close();
    }
}
