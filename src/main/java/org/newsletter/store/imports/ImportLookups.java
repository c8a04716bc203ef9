package org.newsletter.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsletter.model.MailingList;
import org.newsletter.store.internal.EmailHash;
import org.newsletter.store.internal.PreparedByArity;
import org.newsletter.store.internal.Sql;

/**
 * The questions asked of every batch, prepared once per import. Suppressions are looked up only
 * when there are any: most lists have none, and hashing every address costs time. A large import
 * asks about existing people only for the addresses its {@link AddressFilter} cannot rule out
 * ({@link ImportBatch#lookUp}).
 */
final class ImportLookups implements AutoCloseable {
    final PreparedByArity existing;
    final PreparedByArity suppressedHashes;
    final PreparedByArity statuses;
    final PreparedByArity insert;
    final boolean anySuppressions;
    /** Null when the import is small next to the database: then every address is looked up. */
    private final AddressFilter filter;

    /** Imports smaller than this look every address up; reading all addresses first would not pay. */
    static final long FILTER_MINIMUM = 20_000;

    ImportLookups(Connection connection, Sql sql, long expectedRows) throws SQLException {
        existing = new PreparedByArity(connection, sql.get("import-existing"), "?");
        suppressedHashes = new PreparedByArity(connection, sql.get("import-suppressed"), "?");
        statuses = new PreparedByArity(connection, sql.get("import-statuses"), "?");
        insert = new PreparedByArity(connection, sql.get("import-subscriber-insert"), SubscriberImport::insertValues);
        try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql.get("suppression-count"))) {
            rs.next();
            anySuppressions = rs.getLong(1) > 0;
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
