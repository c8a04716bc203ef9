package org.newsletter.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.newsletter.store.internal.Sql;

/**
 * A Bloom filter of the addresses (keys) in the database, so a large import asks the database only
 * about addresses that might be there. (The import also keeps one of the hashed addresses that left
 * its list before being removed, {@link ImportLookups}: same structure, other keys.) Without it every batch looked up all its addresses; on
 * PostgreSQL that was 9 of the 35 seconds of a million-row import, almost all of it to learn that
 * the people were new.
 *
 * <p>"No" is certain, "maybe" is checked in the database, so the filter changes no result: it holds
 * every key in the database when the import starts and every valid key of the file's earlier
 * batches, a superset of what the import adds (SQLite's write lock keeps others out meanwhile; on
 * PostgreSQL a concurrent insert of the same address fails the import on the unique key, as it
 * would without the filter). Filled on the writing thread before the import reads, then used by
 * the reading thread alone. Sized at 16 bits a key with 5 probes,
 * about 0.2 % of new addresses are false "maybe"s.
 */
final class AddressFilter {

    private static final int PROBES = 5;
    private static final int BITS_PER_KEY = 16;

    private final long[] words;
    private final long bits;

    private AddressFilter(long expectedKeys) {
        long wanted = Math.max(1 << 16, expectedKeys * BITS_PER_KEY);
        this.words = new long[(int) Math.min(Integer.MAX_VALUE - 8, (wanted + 63) / 64)];
        this.bits = words.length * 64L;
    }

    /** A filter holding every address now in the database, with room for {@code more}. */
    static AddressFilter load(Connection connection, Sql sql, long existing, long more) throws SQLException {
        try (PreparedStatement keys = connection.prepareStatement(sql.get("import-all-keys"))) {
            return load(keys, existing + more);
        }
    }

    /** A filter holding the first column of every row {@code query} returns, with room for {@code expectedKeys}. */
    static AddressFilter load(PreparedStatement query, long expectedKeys) throws SQLException {
        AddressFilter filter = new AddressFilter(expectedKeys);
        query.setFetchSize(10_000);
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                filter.add(rs.getString(1));
            }
        }
        return filter;
    }

    /** Whether the key might be in the filter: false is certain, true is to be checked. */
    boolean mightContain(String key) {
        long hash = hash(key);
        long step = (hash >>> 32) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = Math.floorMod(hash + i * step, bits);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    void add(String key) {
        long hash = hash(key);
        long step = (hash >>> 32) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = Math.floorMod(hash + i * step, bits);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    /** Adds the key; returns whether it might have been there already (one hash instead of two). */
    boolean addAndCheck(String key) {
        long hash = hash(key);
        long step = (hash >>> 32) | 1;
        boolean present = true;
        for (int i = 0; i < PROBES; i++) {
            long bit = Math.floorMod(hash + i * step, bits);
            int word = (int) (bit >>> 6);
            present &= (words[word] & (1L << bit)) != 0;
            words[word] |= 1L << bit;
        }
        return present;
    }

    /** FNV-1a over the characters, then MurmurHash3's 64-bit finaliser to spread the bits. */
    private static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
