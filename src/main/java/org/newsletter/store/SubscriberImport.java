package org.newsletter.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.model.MailingList;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.csv.ImportRow;
import org.newsletter.store.csv.ReadResult;
import org.newsletter.store.csv.RowProblem;

/**
 * Imports people in batches inside one transaction: a million rows go in without holding the file in
 * memory, and either all of an import lands or none of it. A dry run is the same work rolled back.
 *
 * <p>Rules: a suppressed address is never added; someone who unsubscribed from the list is never
 * resubscribed; the same address twice in a file (any case) is merged; importing the same file again
 * changes nothing; existing people's details change only with {@code update}.
 */
public final class SubscriberImport {

    /** Rows per round trip: big enough to amortise queries, small enough for SQLite's parameter limit. */
    static final int BATCH = 2_000;
    /** Rows per multi-row INSERT … RETURNING (7 parameters each). */
    private static final int INSERT_CHUNK = 500;

    /** How an import should behave. */
    public record Options(boolean dryRun, boolean update, String source) {
    }

    /** Told about each row that is skipped, with its line, as it happens. */
    public interface Problems {
        void skipped(long line, String reason);
    }

    private final Handle handle;
    private final Sql sql;
    private final Clock clock;
    private final Dialect dialect;

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
        handle.begin();
        boolean committed = false;
        try {
            // Everyone this import creates gets a larger id than anyone before it: how a row that
            // repeats an address from an earlier batch is told apart from someone already on file.
            long firstNewId = handle.createQuery(sql.get("import-first-new-id")).mapTo(Long.class).one();
            try (Writes writes = new Writes(connection(), sql, dialect, list, how, now);
                    Lookups lookups = new Lookups(connection(), sql)) {
                read(rows, writes, lookups, list, options, how, now, firstNewId, report, problems, progress);
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
    private void read(Iterator<? extends ReadResult> rows, Writes writes, Lookups lookups, MailingList list, Options options, String how, long now,
            long firstNewId, ImportReport report, Problems problems, LongConsumer progress) throws SQLException {
        BatchReader reader = new BatchReader(rows);
        Thread thread = new Thread(reader, "import-reader");
        thread.setDaemon(true);
        thread.start();
        long read = 0;
        try {
            for (Batch batch = reader.next(); batch != BatchReader.END; batch = reader.next()) {
                for (Skip skip : batch.skips) {
                    skip(report, problems, skip.line(), skip.detail(), skip.reason());
                }
                apply(batch, writes, lookups, list, options, how, now, firstNewId, report, problems);
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

    /** The reading thread: turns rows into batches and hands them over through a short queue. */
    private static final class BatchReader implements Runnable {
        static final Batch END = new Batch();
        private final Iterator<? extends ReadResult> rows;
        private final java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.ArrayBlockingQueue<>(4);

        BatchReader(Iterator<? extends ReadResult> rows) {
            this.rows = rows;
        }

        @Override
        public void run() {
            try {
                Batch batch = new Batch();
                while (rows.hasNext()) {
                    batch.add(rows.next());
                    if (batch.size() >= BATCH || batch.skips.size() >= BATCH) {
                        queue.put(batch);
                        batch = new Batch();
                    }
                }
                queue.put(batch);
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Handed to the writing thread, which rolls back and reports it.
                try {
                    queue.put(e);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        Batch next() {
            try {
                Object next = queue.take();
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                return (Batch) next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("import interrupted", e);
            }
        }
    }

    private static void skip(ImportReport report, Problems problems, long line, String detail, String reason) {
        report.countSkipped(reason);
        problems.skipped(line, detail);
    }

    /** One person as the file describes them, merged over duplicate rows. */
    private static final class Person {
        final EmailAddress email;
        final long line;
        String name;
        final Set<String> tags = new TreeSet<>();
        final Map<String, String> attributes = new TreeMap<>();
        SubscriptionStatus status;
        String consentSource;
        Long consentAt;

        Person(EmailAddress email, ImportRow row) {
            this.email = email;
            this.line = row.line();
            merge(row);
        }

        void merge(ImportRow row) {
            if (row.name() != null && !row.name().isBlank()) {
                name = row.name().strip();
            }
            tags.addAll(row.tags());
            attributes.putAll(row.attributes());
            if (row.status() != null) {
                status = SubscriptionStatus.fromWord(row.status());
            }
            if (row.consentSource() != null && !row.consentSource().isBlank()) {
                consentSource = row.consentSource();
            }
            if (row.consentAtMillis() != null) {
                consentAt = row.consentAtMillis();
            }
        }
    }

    /** Valid rows waiting to be written, merged by address. */
    /** A row left out, remembered by the reading thread and reported by the writing one, in file order. */
    private record Skip(long line, String detail, String reason) {
    }

    /** Valid rows waiting to be written, merged by address, with the rows skipped while reading them. */
    private static final class Batch {
        final Map<String, Person> people = new LinkedHashMap<>();
        final List<Skip> skips = new ArrayList<>();
        long rowsRead;

        void add(ReadResult result) {
            rowsRead++;
            if (result instanceof RowProblem problem) {
                skips.add(new Skip(problem.line(), problem.reason(), "unreadable row"));
                return;
            }
            ImportRow row = (ImportRow) result;
            EmailAddress email;
            try {
                email = EmailAddress.parse(row.email() == null ? "" : row.email());
            } catch (InvalidAddressException e) {
                skips.add(new Skip(row.line(), "invalid address '" + row.email() + "': " + e.getMessage(), "invalid address"));
                return;
            }
            if (row.status() != null && SubscriptionStatus.find(row.status()).isEmpty()) {
                skips.add(new Skip(row.line(), "unknown status '" + row.status() + "'; use pending, subscribed or unsubscribed",
                        "invalid status"));
                return;
            }
            Person earlier = people.get(email.key());
            if (earlier != null) {
                earlier.merge(row);
                skips.add(new Skip(row.line(), email + " repeats line " + earlier.line + " (merged)", "duplicate (merged)"));
                return;
            }
            people.put(email.key(), new Person(email, row));
        }

        int size() {
            return people.size();
        }
    }

    /** A person already in the database. */
    private record Existing(long id, String name) {
    }

    private void apply(Batch batch, Writes writes, Lookups lookups, MailingList list, Options options, String how, long now,
            long firstNewId, ImportReport report, Problems problems) throws SQLException {
        if (batch.people.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(batch.people.keySet());
        Map<String, Existing> existing = lookups.existing(keys);
        Set<String> suppressed = lookups.suppressed(keys);
        Map<Long, String> statuses = lookups.statuses(list, existing.values().stream().map(Existing::id).toList());
        Details current = options.update() ? details(existing.values().stream().map(Existing::id).toList()) : Details.NONE;

        List<Person> inserts = new ArrayList<>();
        for (Person person : batch.people.values()) {
            if (!suppressed.isEmpty() && suppressed.contains(person.email.key())) {
                skip(report, problems, person.line, person.email + " is suppressed and is never subscribed again", "suppressed");
                continue;
            }
            Existing known = existing.get(person.email.key());
            if (known == null) {
                inserts.add(person);
                report.countAdded();
                continue;
            }
            if (known.id() >= firstNewId) {
                // Added earlier in this same import: the file names this address twice.
                writes.details(known.id(), person.tags, person.attributes);
                skip(report, problems, person.line, person.email + " appeared earlier in the file (merged)", "duplicate (merged)");
                continue;
            }
            String status = statuses.get(known.id());
            if ("unsubscribed".equals(status)) {
                skip(report, problems, person.line, person.email + " unsubscribed from '" + list.slug() + "' and is not resubscribed", "unsubscribed");
                continue;
            }
            boolean changed = false;
            if (person.status == SubscriptionStatus.UNSUBSCRIBED) {
                writes.status(known.id(), SubscriptionStatus.UNSUBSCRIBED);
                changed = true;
            } else if (status == null) {
                writes.status(known.id(), person.status == null ? SubscriptionStatus.SUBSCRIBED : person.status);
                changed = true;
            }
            if (options.update() && current.differs(known, person)) {
                writes.update(known.id(), person);
                changed = true;
            }
            if (changed) {
                report.countUpdated();
            } else {
                report.countUnchanged();
            }
        }
        insert(inserts, writes, lookups, now, how);
        writes.execute();
    }

    /** Current tags and attributes of existing people, to tell an update from "unchanged". */
    private record Details(Map<Long, Set<String>> tags, Map<Long, Map<String, String>> attributes) {
        static final Details NONE = new Details(Map.of(), Map.of());

        boolean differs(Existing known, Person person) {
            boolean nameChanged = person.name != null && !person.name.equals(known.name());
            boolean newTags = !tags.getOrDefault(known.id(), Set.of()).containsAll(person.tags);
            Map<String, String> have = attributes.getOrDefault(known.id(), Map.of());
            boolean newAttributes = person.attributes.entrySet().stream().anyMatch(e -> !e.getValue().equals(have.get(e.getKey())));
            return nameChanged || newTags || newAttributes;
        }
    }

    private Details details(List<Long> ids) {
        if (ids.isEmpty()) {
            return Details.NONE;
        }
        Map<Long, Set<String>> tags = new HashMap<>();
        handle.createQuery(sql.get("import-current-tags")).bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
        Map<Long, Map<String, String>> attributes = new HashMap<>();
        handle.createQuery(sql.get("import-current-attributes")).bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), Map.entry(rs.getString(2), rs.getString(3))))
                .forEach(e -> attributes.computeIfAbsent(e.getKey(), k -> new HashMap<>()).put(e.getValue().getKey(), e.getValue().getValue()));
        return new Details(tags, attributes);
    }

    /** New people in multi-row INSERT … RETURNING statements, then their details. */
    private void insert(List<Person> people, Writes writes, Lookups lookups, long now, String how) throws SQLException {
        for (int from = 0; from < people.size(); from += INSERT_CHUNK) {
            List<Person> chunk = people.subList(from, Math.min(people.size(), from + INSERT_CHUNK));
            PreparedStatement insert = lookups.insert.forSize(chunk.size());
            int p = 1;
            for (Person person : chunk) {
                insert.setString(p++, person.email.toString());
                insert.setString(p++, person.email.key());
                insert.setString(p++, person.name == null ? "" : person.name);
                insert.setString(p++, person.consentSource == null ? how : person.consentSource);
                insert.setLong(p++, person.consentAt == null ? now : person.consentAt);
                insert.setLong(p++, now);
                insert.setLong(p++, now);
            }
            Map<String, Long> ids = new HashMap<>(chunk.size() * 2);
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getLong(1));
                }
            }
            for (Person person : chunk) {
                long id = ids.get(person.email.key());
                writes.details(id, person.tags, person.attributes);
                writes.status(id, person.status == null ? SubscriptionStatus.SUBSCRIBED : person.status);
            }
        }
    }

    /**
     * The questions asked of every batch, prepared once per import. Suppressions are looked up only
     * when there are any: most lists have none, and hashing every address costs time.
     */
    private static final class Lookups implements AutoCloseable {
        final PreparedByArity existing;
        final PreparedByArity suppressedHashes;
        final PreparedByArity statuses;
        final PreparedByArity insert;
        final boolean anySuppressions;

        Lookups(Connection connection, Sql sql) throws SQLException {
            existing = new PreparedByArity(connection, sql.get("import-existing"), "?");
            suppressedHashes = new PreparedByArity(connection, sql.get("import-suppressed"), "?");
            statuses = new PreparedByArity(connection, sql.get("import-statuses"), "?");
            insert = new PreparedByArity(connection, sql.get("import-subscriber-insert"), "(?, ?, ?, ?, ?, ?, ?)");
            try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql.get("suppression-count"))) {
                rs.next();
                anySuppressions = rs.getLong(1) > 0;
            }
        }

        Map<String, Existing> existing(List<String> keys) throws SQLException {
            PreparedStatement query = existing.forSize(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                query.setString(i + 1, keys.get(i));
            }
            Map<String, Existing> found = new HashMap<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(2), new Existing(rs.getLong(1), rs.getString(3)));
                }
            }
            return found;
        }

        /** The keys (not hashes) among {@code keys} that are suppressed. */
        Set<String> suppressed(List<String> keys) throws SQLException {
            if (!anySuppressions) {
                return Set.of();
            }
            Map<String, String> byHash = new HashMap<>(keys.size() * 2);
            for (String key : keys) {
                byHash.put(EmailHash.of(key), key);
            }
            List<String> hashes = new ArrayList<>(byHash.keySet());
            PreparedStatement query = suppressedHashes.forSize(hashes.size());
            for (int i = 0; i < hashes.size(); i++) {
                query.setString(i + 1, hashes.get(i));
            }
            Set<String> found = new HashSet<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.add(byHash.get(rs.getString(1)));
                }
            }
            return found;
        }

        Map<Long, String> statuses(MailingList list, List<Long> ids) throws SQLException {
            Map<Long, String> found = new HashMap<>();
            if (ids.isEmpty()) {
                return found;
            }
            PreparedStatement query = statuses.forSize(ids.size());
            query.setLong(1, list.id());
            for (int i = 0; i < ids.size(); i++) {
                query.setLong(i + 2, ids.get(i));
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong(1), rs.getString(2));
                }
            }
            return found;
        }

        @Override
        public void close() throws SQLException {
            for (PreparedByArity statements : List.of(existing, suppressedHashes, statuses, insert)) {
                statements.close();
            }
        }
    }

    private Connection connection() {
        return handle.getConnection();
    }

    /**
     * The writes of one batch, collected column by column and sent together: to SQLite as JDBC batches
     * of statements prepared once per import, to PostgreSQL as one {@code unnest(array…)} statement
     * per table, which saves a round trip per row. At a million rows the cost of binding through a
     * mapping layer would exceed the database's own work, so this is plain JDBC.
     */
    private static final class Writes implements AutoCloseable {
        private final Table tags;
        private final Table attributes;
        private final Table subscriptions;
        private final Table events;
        private final Table names;
        private final long listId;
        private final String how;
        private final long now;

        Writes(Connection connection, Sql sql, Dialect dialect, MailingList list, String how, long now) throws SQLException {
            this.tags = new Table(connection, sql, dialect, "import-tag-insert", "bigint", "text");
            this.attributes = new Table(connection, sql, dialect, "import-attribute-upsert", "bigint", "text", "text");
            this.subscriptions = new Table(connection, sql, dialect, "import-subscription-upsert", "bigint", "bigint", "text", "text", "bigint");
            this.events = new Table(connection, sql, dialect, "import-event-insert", "bigint", "bigint", "text", "text", "bigint");
            this.names = new Table(connection, sql, dialect, "import-name-update", "text", "bigint", "bigint");
            this.listId = list.id();
            this.how = how;
            this.now = now;
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

        void update(long id, Person person) {
            if (person.name != null) {
                names.add(person.name, now, id);
            }
            details(id, person.tags, person.attributes);
        }

        /** Sends what the batch collected; every subscriber row exists by now. */
        void execute() throws SQLException {
            for (Table table : List.of(names, tags, attributes, subscriptions, events)) {
                table.flush();
            }
        }

        @Override
        public void close() throws SQLException {
            for (Table table : List.of(tags, attributes, subscriptions, events, names)) {
                table.close();
            }
        }
    }

    /** Rows for one statement, kept as columns until flushed. */
    private static final class Table implements AutoCloseable {
        private final Connection connection;
        private final Dialect dialect;
        private final PreparedStatement statement;
        private final String[] types;
        private final List<List<Object>> columns = new ArrayList<>();

        Table(Connection connection, Sql sql, Dialect dialect, String name, String... types) throws SQLException {
            this.connection = connection;
            this.dialect = dialect;
            this.types = types;
            String resource = dialect == Dialect.POSTGRESQL ? name + ".postgresql" : name;
            this.statement = connection.prepareStatement(sql.get(resource));
            for (int i = 0; i < types.length; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void add(Object... values) {
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        void flush() throws SQLException {
            int rows = columns.get(0).size();
            if (rows == 0) {
                return;
            }
            if (dialect == Dialect.POSTGRESQL) {
                for (int i = 0; i < types.length; i++) {
                    statement.setArray(i + 1, connection.createArrayOf(types[i], columns.get(i).toArray()));
                }
                statement.executeUpdate();
            } else {
                for (int row = 0; row < rows; row++) {
                    for (int i = 0; i < types.length; i++) {
                        statement.setObject(i + 1, columns.get(i).get(row));
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            for (List<Object> column : columns) {
                column.clear();
            }
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }
}
