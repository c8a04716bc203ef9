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
import org.jdbi.v3.core.statement.PreparedBatch;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.model.MailingList;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.csv.ImportRow;
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

    SubscriberImport(Handle handle, Sql sql, Clock clock) {
        this.handle = handle;
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * Reads {@code rows} (ImportRow or RowProblem) into {@code list}.
     *
     * @param progress called with the number of rows read so far, once per batch
     */
    public ImportReport run(Iterator<?> rows, MailingList list, Options options, Problems problems, LongConsumer progress) {
        ImportReport report = new ImportReport();
        long now = clock.millis();
        String how = options.source();
        handle.begin();
        boolean committed = false;
        try {
            // Everyone this import creates gets a larger id than anyone before it: how a row that
            // repeats an address from an earlier batch is told apart from someone already on file.
            long firstNewId = handle.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM subscriber").mapTo(Long.class).one();
            Batch batch = new Batch();
            long read = 0;
            while (rows.hasNext()) {
                Object next = rows.next();
                read++;
                if (next instanceof RowProblem problem) {
                    skip(report, problems, problem.line(), problem.reason(), "unreadable row");
                } else if (next instanceof ImportRow row) {
                    batch.add(row, report, problems);
                }
                if (batch.size() >= BATCH) {
                    apply(batch, list, options, how, now, firstNewId, report, problems);
                    batch = new Batch();
                    progress.accept(read);
                }
            }
            apply(batch, list, options, how, now, firstNewId, report, problems);
            progress.accept(read);
            if (options.dryRun()) {
                handle.rollback();
            } else {
                handle.commit();
            }
            committed = true;
            return report;
        } finally {
            if (!committed) {
                handle.rollback();
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
    private static final class Batch {
        final Map<String, Person> people = new LinkedHashMap<>();

        void add(ImportRow row, ImportReport report, Problems problems) {
            EmailAddress email;
            try {
                email = EmailAddress.parse(row.email() == null ? "" : row.email());
            } catch (InvalidAddressException e) {
                skip(report, problems, row.line(), "invalid address '" + row.email() + "': " + e.getMessage(), "invalid address");
                return;
            }
            if (row.status() != null) {
                try {
                    SubscriptionStatus.fromWord(row.status());
                } catch (IllegalArgumentException e) {
                    skip(report, problems, row.line(), e.getMessage(), "invalid status");
                    return;
                }
            }
            Person earlier = people.get(email.key());
            if (earlier != null) {
                earlier.merge(row);
                skip(report, problems, row.line(), email + " repeats line " + earlier.line + " (merged)", "duplicate (merged)");
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

    private void apply(Batch batch, MailingList list, Options options, String how, long now, long firstNewId,
            ImportReport report, Problems problems) {
        if (batch.people.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(batch.people.keySet());
        Map<String, Existing> existing = existing(keys);
        Set<String> suppressed = suppressed(keys);
        Map<Long, String> statuses = statuses(list, existing.values().stream().map(Existing::id).toList());
        Details current = options.update() ? details(existing.values().stream().map(Existing::id).toList()) : Details.NONE;

        List<Person> inserts = new ArrayList<>();
        Writes writes = new Writes(handle, sql, list, how, now);
        for (Person person : batch.people.values()) {
            if (suppressed.contains(EmailHash.of(person.email.key()))) {
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
        insert(inserts, writes, now, how);
        writes.execute();
    }

    private Map<String, Existing> existing(List<String> keys) {
        Map<String, Existing> found = new HashMap<>();
        handle.createQuery("SELECT id, email_key, name FROM subscriber WHERE email_key IN (<keys>)")
                .bindList("keys", keys)
                .map((rs, ctx) -> Map.entry(rs.getString("email_key"), new Existing(rs.getLong("id"), rs.getString("name"))))
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    private Set<String> suppressed(List<String> keys) {
        List<String> hashes = keys.stream().map(EmailHash::of).toList();
        return new HashSet<>(handle.createQuery("SELECT email_hash FROM suppression WHERE email_hash IN (<hashes>)")
                .bindList("hashes", hashes).mapTo(String.class).list());
    }

    private Map<Long, String> statuses(MailingList list, List<Long> ids) {
        Map<Long, String> statuses = new HashMap<>();
        if (ids.isEmpty()) {
            return statuses;
        }
        handle.createQuery("SELECT subscriber_id, status FROM subscription WHERE list_id = :list AND subscriber_id IN (<ids>)")
                .bind("list", list.id()).bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> statuses.put(e.getKey(), e.getValue()));
        return statuses;
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
        handle.createQuery("SELECT subscriber_id, tag FROM subscriber_tag WHERE subscriber_id IN (<ids>)").bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
        Map<Long, Map<String, String>> attributes = new HashMap<>();
        handle.createQuery("SELECT subscriber_id, name, value FROM subscriber_attribute WHERE subscriber_id IN (<ids>)").bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), Map.entry(rs.getString(2), rs.getString(3))))
                .forEach(e -> attributes.computeIfAbsent(e.getKey(), k -> new HashMap<>()).put(e.getValue().getKey(), e.getValue().getValue()));
        return new Details(tags, attributes);
    }

    /** New people in multi-row INSERT … RETURNING statements, then their details. */
    private void insert(List<Person> people, Writes writes, long now, String how) {
        for (int from = 0; from < people.size(); from += INSERT_CHUNK) {
            List<Person> chunk = people.subList(from, Math.min(people.size(), from + INSERT_CHUNK));
            StringBuilder statement = new StringBuilder(
                    "INSERT INTO subscriber (email, email_key, name, consent_source, consent_at, created_at, updated_at) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                statement.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
            }
            statement.append(" RETURNING id, email_key");
            var query = handle.createQuery(statement.toString());
            int p = 0;
            for (Person person : chunk) {
                query.bind(p++, person.email.toString())
                        .bind(p++, person.email.key())
                        .bind(p++, person.name == null ? "" : person.name)
                        .bind(p++, person.consentSource == null ? how : person.consentSource)
                        .bind(p++, person.consentAt == null ? now : person.consentAt)
                        .bind(p++, now)
                        .bind(p++, now);
            }
            Map<String, Long> ids = new HashMap<>();
            query.map((rs, ctx) -> Map.entry(rs.getString(2), rs.getLong(1))).forEach(e -> ids.put(e.getKey(), e.getValue()));
            for (Person person : chunk) {
                long id = ids.get(person.email.key());
                writes.details(id, person.tags, person.attributes);
                writes.status(id, person.status == null ? SubscriptionStatus.SUBSCRIBED : person.status);
            }
        }
    }

    /** The batched statements of one batch, sent together at the end. */
    private static final class Writes {
        private final PreparedBatch tags;
        private final PreparedBatch attributes;
        private final PreparedBatch subscriptions;
        private final PreparedBatch events;
        private final PreparedBatch names;
        private final MailingList list;
        private final String how;
        private final long now;

        Writes(Handle handle, Sql sql, MailingList list, String how, long now) {
            this.tags = handle.prepareBatch(sql.get("tag-insert"));
            this.attributes = handle.prepareBatch(sql.get("attribute-upsert"));
            this.subscriptions = handle.prepareBatch(sql.get("subscription-upsert"));
            this.events = handle.prepareBatch(sql.get("subscription-event-insert"));
            this.names = handle.prepareBatch(sql.get("subscriber-update"));
            this.list = list;
            this.how = how;
            this.now = now;
        }

        void details(long id, Set<String> tagSet, Map<String, String> attributeMap) {
            for (String tag : tagSet) {
                tags.bind("id", id).bind("tag", tag).add();
            }
            for (Map.Entry<String, String> attribute : attributeMap.entrySet()) {
                attributes.bind("id", id).bind("name", attribute.getKey()).bind("value", attribute.getValue()).add();
            }
        }

        void status(long id, SubscriptionStatus status) {
            subscriptions.bind("id", id).bind("listId", list.id()).bind("status", status.word()).bind("how", how).bind("now", now).add();
            events.bind("id", id).bind("listId", list.id()).bind("status", status.word()).bind("how", how).bind("now", now).add();
        }

        void update(long id, Person person) {
            if (person.name != null) {
                names.bind("name", person.name).bind("now", now).bind("id", id).add();
            }
            details(id, person.tags, person.attributes);
        }

        void execute() {
            for (PreparedBatch batch : List.of(names, tags, attributes, subscriptions, events)) {
                if (batch.size() > 0) {
                    batch.execute();
                }
            }
        }
    }
}
