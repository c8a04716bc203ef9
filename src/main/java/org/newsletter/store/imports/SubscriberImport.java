package org.newsletter.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.MailingList;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.model.WithdrawnConsent;
import org.newsletter.store.Store;
import org.newsletter.store.StoreException;
import org.newsletter.store.csv.ReadResult;
import org.newsletter.store.internal.DetailsJson;
import org.newsletter.store.internal.Dialect;
import org.newsletter.store.internal.Sql;

/**
 * Imports people in batches inside one transaction: a million rows go in without holding the file in
 * memory, and either all of an import lands or none of it. A dry run is the same work rolled back.
 *
 * <p>Rules: a suppressed address is never added; someone who unsubscribed from the list is never
 * resubscribed, whether they are on file or were removed since (a marker keyed by the address's hash
 * remembers it); the same address twice in a file (any case) is one person, whose first row wins (later
 * rows only fill in what it left empty, or unsubscribe); importing the same file again changes nothing;
 * existing people's details change only with {@code update}.
 */
public final class SubscriberImport {

    /** Rows per round trip: big enough to amortise queries, small enough for SQLite's parameter limit. */
    public static final int BATCH = 2_000;
    /** Rows per multi-row INSERT (7 parameters each; SQLite allows 32,766 per statement). */
    private static final int INSERT_CHUNK = 500;

    /**
     * How an import should behave.
     *
     * @param expectedRows about how many rows the file holds (0 when unknown): a large import into a
     *     smaller database first reads every address into an {@link AddressFilter}
     */
    public record Options(boolean dryRun, boolean update, String source, long expectedRows) {
        public Options(boolean dryRun, boolean update, String source) {
            this(dryRun, update, source, 0);
        }
    }

    /** Told about each row that is skipped, with its line, as it happens. */
    public interface Problems {
        void skipped(long line, String reason);

        /** A row that is imported, but holds something that looks wrong (a cell that looks like a spreadsheet formula). */
        default void warned(long line, String warning) {
            // Callers that only count skipped rows need not hear about warnings; the report counts them.
        }
    }

    private final Handle handle;
    private final Sql sql;
    private final Clock clock;
    private final Dialect dialect;
    private final DetailsJson json = new DetailsJson();

    /** An import into {@code store}'s database, on its connection. */
    public SubscriberImport(Store store) {
        this(store.database().handle(), new Sql(), store.clock(), store.dialect());
    }

    SubscriberImport(Handle handle, Sql sql, Clock clock, Dialect dialect) {
        this.handle = handle;
        this.sql = sql;
        this.clock = clock;
        this.dialect = dialect;
    }

    /**
     * Reads {@code rows} (ImportRow or RowProblem) into {@code list}.
     *
     * @param progress called with the number of rows read so far, once per batch
     */
    public ImportReport run(Iterator<? extends ReadResult> rows, MailingList list, Options options, Problems problems, LongConsumer progress) {
        ImportReport report = new ImportReport();
        long now = clock.millis();
        String how = options.source();
        if (dialect == Dialect.SQLITE) {
            handle.execute(sql.get("import-cache.sqlite"));
            // SQLite checks a foreign key per inserted row, about 3.8 s per million subscriptions here
            // (BENCHMARKS.md). The import needs no check: it holds SQLite's only write lock from BEGIN
            // to COMMIT, and writes subscriptions only for people it found or created in that same
            // transaction and for a list it has just read, so every reference it makes exists.
            handle.execute(sql.get("import-foreign-keys-off.sqlite"));
        }
        try {
            return runInTransaction(rows, list, options, problems, progress, report, now, how);
        } finally {
            if (dialect == Dialect.SQLITE) {
                handle.execute(sql.get("import-foreign-keys-on.sqlite"));
            }
        }
    }

    private ImportReport runInTransaction(Iterator<? extends ReadResult> rows, MailingList list, Options options, Problems problems,
            LongConsumer progress, ImportReport report, long now, String how) {
        handle.begin();
        boolean committed = false;
        try {
            // Everyone this import creates gets a larger id than anyone before it: how a row that
            // repeats an address from an earlier batch is told apart from someone already on file.
            long firstNewId = handle.createQuery(sql.get("import-first-new-id")).mapTo(Long.class).one();
            try (ImportWrites writes = new ImportWrites(connection(), sql, dialect, list, how, now, firstNewId);
                    ImportLookups lookups = new ImportLookups(connection(), sql, list, options.expectedRows())) {
                read(rows, new Batches(writes, lookups, new FirstLines()), list, options, how, now, firstNewId, report, problems, progress);
                writes.finish();
            }
            if (options.dryRun()) {
                handle.rollback();
            } else {
                handle.commit();
            }
            committed = true;
            return report;
        } catch (SQLException e) {
            throw new StoreException("import failed, nothing was changed: " + e.getMessage(), e);
        } finally {
            if (!committed) {
                handle.rollback();
            }
        }
    }

    /**
     * Reads and validates rows on a second thread while this one writes: parsing CSV and checking
     * addresses cost about as much as the database work, and there are two cores.
     */
    private void read(Iterator<? extends ReadResult> rows, Batches to, MailingList list, Options options, String how, long now,
            long firstNewId, ImportReport report, Problems problems, LongConsumer progress) throws SQLException {
        ImportBatchReader reader = new ImportBatchReader(rows, to.lookups().filter(),
                dialect == Dialect.POSTGRESQL ? new SubscriberCopyRow(how, now) : null, to.lookups().needsHashes());
        Thread thread = new Thread(reader, "import-reader");
        thread.setDaemon(true);
        thread.start();
        long read = 0;
        try {
            for (ImportBatch batch = reader.next(); batch != ImportBatchReader.END; batch = reader.next()) {
                tellWhatWasRead(batch, report, problems);
                apply(batch, to, list, options, how, now, firstNewId, report, problems);
                read += batch.rowsRead;
                progress.accept(read);
            }
        } finally {
            // Stop the reader before the caller closes the file under it (it exits at its next hand-over).
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The rows the reading thread skipped or warned about in a batch, in the order of their lines. */
    private static void tellWhatWasRead(ImportBatch batch, ImportReport report, Problems problems) {
        int s = 0;
        int w = 0;
        while (s < batch.skips.size() || w < batch.warnings.size()) {
            if (w == batch.warnings.size() || s < batch.skips.size() && batch.skips.get(s).line() <= batch.warnings.get(w).line()) {
                SkippedRow skip = batch.skips.get(s++);
                skip(report, problems, skip.line(), skip.detail(), skip.reason());
            } else {
                RowWarning warning = batch.warnings.get(w++);
                report.countWarning();
                problems.warned(warning.line(), warning.message());
            }
        }
    }

    private static void skip(ImportReport report, Problems problems, long line, String detail, String reason) {
        report.countSkipped(reason);
        problems.skipped(line, detail);
    }

    /** Where batches go: the writes, the questions asked of the database, and the lines new people came from. */
    private record Batches(ImportWrites writes, ImportLookups lookups, FirstLines firstLines) {
    }

    private void apply(ImportBatch batch, Batches to, MailingList list, Options options, String how, long now,
            long firstNewId, ImportReport report, Problems problems) throws SQLException {
        if (batch.people.isEmpty()) {
            return;
        }
        ImportWrites writes = to.writes();
        ImportLookups lookups = to.lookups();
        Map<String, KnownSubscriber> existing = lookups.existing(batch.lookUp);
        ImportLookups.Refusals refusals = lookups.refusals(batch.people.values());
        Map<Long, ImportLookups.KnownStatus> statuses = lookups.statuses(existing.values().stream().map(KnownSubscriber::id).toList());

        List<ImportedPerson> inserts = new ArrayList<>();
        for (ImportedPerson person : batch.people.values()) {
            if (!refusals.suppressed().isEmpty() && refusals.suppressed().contains(person.key)) {
                skip(report, problems, person.line, person.address + " is suppressed and is never subscribed again", "suppressed");
                continue;
            }
            WithdrawnConsent left = refusals.left().isEmpty() ? null : refusals.left().get(person.key);
            if (left != null && person.status != SubscriptionStatus.UNSUBSCRIBED) {
                // Left the list, then was removed: the marker binds the import as the unsubscribe did.
                // (A row that says "unsubscribed", as in our own export, subscribes nobody and may come back in.)
                skip(report, problems, person.line, person.address + " " + left.reason() + " and is not resubscribed", "unsubscribed");
                continue;
            }
            KnownSubscriber known = existing.get(person.key);
            if (known == null) {
                inserts.add(person);
                report.countAdded();
                continue;
            }
            ImportLookups.KnownStatus onList = statuses.get(known.id());
            String status = onList == null ? null : onList.status();
            if (known.id() >= firstNewId) {
                // Added from an earlier batch of this same import: the file names this address twice.
                writes.fill(known.id(), person);
                boolean unsubscribes = person.status == SubscriptionStatus.UNSUBSCRIBED && !"unsubscribed".equals(status);
                if (unsubscribes) {
                    writes.change(known.id(), SubscriptionStatus.UNSUBSCRIBED);
                }
                skip(report, problems, person.line, ImportedPerson.sameAddress(person.address, to.firstLines().lineOf(known.id()), unsubscribes),
                        ImportBatch.DUPLICATE);
                continue;
            }
            if (onList != null && onList.unsubscribed()) {
                WithdrawnConsent unsubscribed = new WithdrawnConsent(list.slug(), onList.how(), Instant.ofEpochMilli(onList.changedAt()), false);
                skip(report, problems, person.line, person.address + " " + unsubscribed.reason() + " and is not resubscribed", "unsubscribed");
                continue;
            }
            boolean changed = false;
            if (status == null) {
                writes.subscribe(known.id(), person.statusOrSubscribed());
                changed = true;
            } else if (person.status == SubscriptionStatus.UNSUBSCRIBED) {
                writes.change(known.id(), SubscriptionStatus.UNSUBSCRIBED);
                changed = true;
            }
            if (options.update() && differs(known, person)) {
                writes.update(known.id(), person);
                changed = true;
            }
            if (changed) {
                report.countUpdated();
            } else {
                report.countUnchanged();
            }
        }
        insert(inserts, to, now, how);
        writes.execute();
    }

    /** Whether the file brings a new name, tag or attribute value for someone on file. */
    private boolean differs(KnownSubscriber known, ImportedPerson person) {
        boolean nameChanged = person.name != null && !person.name.equals(known.name());
        boolean newTags = !person.tags.isEmpty() && !json.tags(known.tags()).containsAll(person.tags);
        boolean newAttributes = false;
        if (!person.attributes.isEmpty()) {
            Map<String, String> have = json.attributes(known.attributes());
            newAttributes = person.attributes.entrySet().stream().anyMatch(e -> !e.getValue().equals(have.get(e.getKey())));
        }
        return nameChanged || newTags || newAttributes;
    }

    /** New people in multi-row INSERT … RETURNING statements (SQLite) or COPY (PostgreSQL), then their details. */
    private void insert(List<ImportedPerson> people, Batches to, long now, String how) throws SQLException {
        ImportWrites writes = to.writes();
        if (dialect == Dialect.POSTGRESQL) {
            copy(people, writes, to.firstLines(), now, how);
            return;
        }
        for (int from = 0; from < people.size(); from += INSERT_CHUNK) {
            List<ImportedPerson> chunk = people.subList(from, Math.min(people.size(), from + INSERT_CHUNK));
            long firstId = writes.reserveIds(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                to.firstLines().add(firstId + i, chunk.get(i).line);
            }
            PreparedStatement insert = to.lookups().insert.forSize(chunk.size());
            bind(insert, chunk, firstId, now, how);
            insert.executeUpdate();
            subscribe(chunk, firstId, writes);
        }
    }

    // The per-row loops of an insert are methods of their own: the JIT then compiles each small loop
    // once, where one large method was compiled four times over (on-stack replacement at each loop).

    /** Parameters shared by every row of an insert: the first id, the default consent source, the time. */
    private static final int SHARED = 3;
    /** Parameters of one person's row: email, key, name, tags, attributes, consent source, consent time. */
    private static final int PER_ROW = 7;

    /**
     * Row {@code i} of the multi-row INSERT, with numbered parameters (SQLite's {@code ?NNN}): what
     * every row shares is bound once per statement, so a row binds 7 values instead of 10.
     */
    static String insertValues(int i) {
        int p = SHARED + 1 + i * PER_ROW;
        return "(?1 + " + i + ", ?" + p + ", ?" + (p + 1) + ", ?" + (p + 2) + ", ?" + (p + 3) + ", ?" + (p + 4)
                + ", COALESCE(?" + (p + 5) + ", ?2), COALESCE(?" + (p + 6) + ", ?3), ?3, ?3)";
    }

    /** Binds a chunk to the INSERT of its size ({@link #insertValues}), ids from {@code firstId} on. */
    private static void bind(PreparedStatement insert, List<ImportedPerson> chunk, long firstId, long now, String how) throws SQLException {
        insert.setLong(1, firstId);
        insert.setString(2, how);
        insert.setLong(3, now);
        int p = SHARED + 1;
        for (ImportedPerson person : chunk) {
            insert.setString(p++, person.address);
            insert.setString(p++, person.key);
            insert.setString(p++, person.name == null ? "" : person.name);
            insert.setString(p++, person.tagsJson);
            insert.setString(p++, person.attributesJson);
            insert.setString(p++, person.consentSource);
            if (person.consentAt == null) {
                insert.setNull(p++, java.sql.Types.BIGINT);
            } else {
                insert.setLong(p++, person.consentAt);
            }
        }
    }

    /**
     * Subscribes a chunk of new people in one INSERT … SELECT per run of people with the same status
     * (usually the whole chunk): no row-by-row binding, which cost more than the rows themselves.
     */
    private static void subscribe(List<ImportedPerson> chunk, long firstId, ImportWrites writes) throws SQLException {
        int start = 0;
        for (int i = 1; i <= chunk.size(); i++) {
            if (i == chunk.size() || chunk.get(i).statusOrSubscribed() != chunk.get(start).statusOrSubscribed()) {
                writes.subscribeRange(firstId + start, firstId + i - 1, chunk.get(start).statusOrSubscribed());
                start = i;
            }
        }
    }

    /**
     * PostgreSQL: reserves ids from the subscriber sequence, then COPYs the new people and all their
     * rows. Nothing here can conflict (the people did not exist a moment ago), so no upserts are needed.
     */
    private void copy(List<ImportedPerson> people, ImportWrites writes, FirstLines firstLines, long now, String how) throws SQLException {
        if (people.isEmpty()) {
            return;
        }
        long listId = writes.listId();
        writes.addingSubscriptions(people.size());
        List<Long> ids = new ArrayList<>(people.size());
        try (PreparedStatement reserve = connection().prepareStatement(sql.get("import-reserve-ids.postgresql"))) {
            reserve.setInt(1, people.size());
            try (ResultSet rs = reserve.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        try (PostgresCopy subscribers = new PostgresCopy(connection(), SubscriberCopyRow.TABLE, SubscriberCopyRow.FIELDS)) {
            for (int i = 0; i < people.size(); i++) {
                firstLines.add(ids.get(i), people.get(i).line);
                subscribers.row(ids.get(i), people.get(i).copyRow);
            }
            subscribers.finish();
        }
        // A subscription row is the same but for its id, for everyone with the same status.
        byte[][] afterId = new byte[SubscriptionStatus.values().length][];
        try (PostgresCopy subscriptions = new PostgresCopy(connection(), "subscription (subscriber_id, list_id, status, how, changed_at)", 5)) {
            for (int i = 0; i < people.size(); i++) {
                SubscriptionStatus status = people.get(i).statusOrSubscribed();
                if (afterId[status.ordinal()] == null) {
                    afterId[status.ordinal()] = subscriptionAfterId(listId, status, how, now);
                }
                subscriptions.row(ids.get(i), afterId[status.ordinal()]);
            }
            subscriptions.finish();
        }
    }

    private static byte[] subscriptionAfterId(long listId, SubscriptionStatus status, String how, long now) {
        return new CopyFields(64 + how.length() * 3).int8(listId).text(status.word()).text(how).int8(now).toByteArray();
    }

    private Connection connection() {
        return handle.getConnection();
    }

}
