package org.newsletter.store;

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

/**
 * The questions asked of every batch, prepared once per import. Suppressions are looked up only
 * when there are any: most lists have none, and hashing every address costs time.
 */
final class ImportLookups implements AutoCloseable {
    final PreparedByArity existing;
    final PreparedByArity suppressedHashes;
    final PreparedByArity statuses;
    final PreparedByArity insert;
    final boolean anySuppressions;

    ImportLookups(Connection connection, Sql sql) throws SQLException {
        existing = new PreparedByArity(connection, sql.get("import-existing"), "?");
        suppressedHashes = new PreparedByArity(connection, sql.get("import-suppressed"), "?");
        statuses = new PreparedByArity(connection, sql.get("import-statuses"), "?");
        insert = new PreparedByArity(connection, sql.get("import-subscriber-insert"), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql.get("suppression-count"))) {
            rs.next();
            anySuppressions = rs.getLong(1) > 0;
        }
    }

    Map<String, KnownSubscriber> existing(List<String> keys) throws SQLException {
        PreparedStatement query = existing.forSize(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            query.setString(i + 1, keys.get(i));
        }
        Map<String, KnownSubscriber> found = new HashMap<>();
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
