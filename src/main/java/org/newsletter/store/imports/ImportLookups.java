package org.newsletter.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsletter.model.MailingList;
import org.newsletter.model.WithdrawnConsent;
import org.newsletter.store.internal.PreparedByArity;
import org.newsletter.store.internal.Sql;

/**
 * The questions asked of every batch, prepared once per import. Suppressions, and the markers of
 * people who left the list before being removed ({@code withdrawn_consent}), are keyed by a hash of
 * the address: they are looked up only when there are any (most databases have few or none, and
 * hashing every address costs time), and the reading thread then hashes each address, off the
 * writing thread, which is the import's critical path. Suppressions are asked about with one query
 * per batch. The list's markers are few (each is someone staff removed by hand after they left), so
 * they are read into a Bloom filter first and only the batch's "maybe"s are asked about: binding a
 * batch's 2,000 hashes to a query cost about 2 s of the writing thread per million rows. A large
 * import asks about existing people only for the addresses its {@link AddressFilter} cannot rule
 * out ({@link ImportBatch#lookUp}).
 */
final class ImportLookups implements AutoCloseable {
    final PreparedByArity existing;
    final PreparedByArity suppressedHashes;
    final PreparedByArity withdrawnHashes;
    final PreparedByArity statuses;
    final PreparedByArity insert;
    final boolean anySuppressions;
    /** The hashed addresses that left this list before being removed; null when none did. */
    private final AddressFilter withdrawn;
    private final MailingList list;
    /** Null when the import is small next to the database: then every address is looked up. */
    private final AddressFilter filter;

    /** Imports smaller than this look every address up; reading all addresses first would not pay. */
    static final long FILTER_MINIMUM = 20_000;

    ImportLookups(Connection connection, Sql sql, MailingList list, long expectedRows) throws SQLException {
        this.list = list;
        existing = new PreparedByArity(connection, sql.get("import-existing"), "?");
        suppressedHashes = new PreparedByArity(connection, sql.get("import-suppressed"), "?");
        withdrawnHashes = new PreparedByArity(connection, sql.get("import-withdrawn"), "?");
        statuses = new PreparedByArity(connection, sql.get("import-statuses"), "?");
        insert = new PreparedByArity(connection, sql.get("import-subscriber-insert"), SubscriberImport::insertValues);
        try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql.get("suppression-count"))) {
            rs.next();
            anySuppressions = rs.getLong(1) > 0;
        }
        long markers;
        try (PreparedStatement count = connection.prepareStatement(sql.get("import-withdrawn-count"))) {
            count.setLong(1, list.id());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                markers = rs.getLong(1);
            }
        }
        if (markers == 0) {
            withdrawn = null;
        } else {
            try (PreparedStatement hashes = connection.prepareStatement(sql.get("import-withdrawn-hashes"))) {
                hashes.setLong(1, list.id());
                withdrawn = AddressFilter.load(hashes, markers);
            }
        }
        filter = expectedRows >= FILTER_MINIMUM ? filterFor(connection, sql, expectedRows) : null;
    }

    /** A filter when reading every address costs less than looking the file's up: the file is at least a quarter of the database. */
    private static AddressFilter filterFor(Connection connection, Sql sql, long expectedRows) throws SQLException {
        long subscribers;
        try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql.get("import-subscriber-count"))) {
            rs.next();
            subscribers = rs.getLong(1);
        }
        return expectedRows * 4 >= subscribers ? AddressFilter.load(connection, sql, subscribers, expectedRows) : null;
    }

    /** The filter for the reading thread to own from now on; null when every address is to be looked up. */
    AddressFilter filter() {
        return filter;
    }

    Map<String, KnownSubscriber> existing(List<String> keys) throws SQLException {
        Map<String, KnownSubscriber> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        PreparedStatement query = existing.forSize(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            query.setString(i + 1, keys.get(i));
        }
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                found.put(rs.getString(2), new KnownSubscriber(rs.getLong(1), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return found;
    }

    /** Whether the addresses must be hashed for {@link #refusals}: only when there is something to look up by hash. */
    boolean needsHashes() {
        return anySuppressions || withdrawn != null;
    }

    /**
     * What stands between this batch's people and the list: which are suppressed, and which left the
     * list before their record was removed (by key). Their addresses were hashed on the reading thread.
     */
    Refusals refusals(Collection<ImportedPerson> people) throws SQLException {
        if (!needsHashes() || people.isEmpty()) {
            return Refusals.NONE;
        }
        Map<String, String> byHash = new HashMap<>(people.size() * 2);
        for (ImportedPerson person : people) {
            byHash.put(person.hash, person.key);
        }
        List<String> hashes = new ArrayList<>(byHash.keySet());
        Set<String> suppressed = new HashSet<>();
        if (anySuppressions) {
            PreparedStatement query = suppressedHashes.forSize(hashes.size());
            for (int i = 0; i < hashes.size(); i++) {
                query.setString(i + 1, hashes.get(i));
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    suppressed.add(byHash.get(rs.getString(1)));
                }
            }
        }
        Map<String, WithdrawnConsent> left = new HashMap<>();
        List<String> maybeLeft = new ArrayList<>();
        if (withdrawn != null) {
            for (String hash : hashes) {
                if (withdrawn.mightContain(hash)) {
                    maybeLeft.add(hash);
                }
            }
        }
        if (!maybeLeft.isEmpty()) {
            PreparedStatement query = withdrawnHashes.forSize(maybeLeft.size());
            query.setLong(1, list.id());
            for (int i = 0; i < maybeLeft.size(); i++) {
                query.setString(i + 2, maybeLeft.get(i));
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    left.put(byHash.get(rs.getString(1)), new WithdrawnConsent(list.slug(), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), true));
                }
            }
        }
        return new Refusals(suppressed, left);
    }

    /** Keys that are suppressed, and keys that left the list before being removed, with how and when. */
    record Refusals(Set<String> suppressed, Map<String, WithdrawnConsent> left) {
        static final Refusals NONE = new Refusals(Set.of(), Map.of());
    }

    /** Each known person's subscription to the list, if any: its status word, how and when it came about. */
    Map<Long, KnownStatus> statuses(List<Long> ids) throws SQLException {
        Map<Long, KnownStatus> found = new HashMap<>();
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
                found.put(rs.getLong(1), new KnownStatus(rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return found;
    }

    /** A known person's subscription to the list. */
    record KnownStatus(String status, String how, long changedAt) {
        boolean unsubscribed() {
            return "unsubscribed".equals(status);
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedByArity statements : List.of(existing, suppressedHashes, withdrawnHashes, statuses, insert)) {
            statements.close();
        }
    }
}
