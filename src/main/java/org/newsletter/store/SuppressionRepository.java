package org.newsletter.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.Suppression;
import org.newsletter.model.SuppressionReason;
import org.newsletter.store.internal.EmailHash;
import org.newsletter.store.internal.EmailHasher;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;

/** Addresses never mailed again, keyed by a hash so an erased person leaves no address behind. */
public final class SuppressionRepository {

    /** What a removed person's suppression shows where their address was. */
    public static final String ADDRESS_NOT_KEPT = "(address not kept)";

    private final Handle handle;
    private final Sql sql;
    private final Clock clock;

    SuppressionRepository(Handle handle, Sql sql, Clock clock) {
        this.handle = handle;
        this.sql = sql;
        this.clock = clock;
    }

    /** Adds or replaces the suppression; {@code keepAddress} false stores only the hash (erasure). */
    public void suppress(EmailAddress email, SuppressionReason reason, String note, boolean keepAddress) {
        handle.createUpdate(sql.get("suppression-upsert"))
                .bind("hash", EmailHash.of(email.key()))
                .bind("email", keepAddress ? email.toString() : null)
                .bind("reason", reason.word())
                .bind("note", note == null ? "" : note)
                .bind("now", clock.millis())
                .execute();
    }

    /**
     * The person behind the address is being removed: a suppression of it stays, keyed by the hash, but
     * keeps the readable address neither in its own column nor in the server's reply noted with it
     * ({@code 550 5.1.1 <bob@example.org>: …}).
     */
    void forgetAddress(EmailAddress email) {
        find(email).ifPresent(s -> handle.createUpdate(sql.get("suppression-forget-address"))
                .bind("hash", EmailHash.of(email.key()))
                .bind("note", Pattern.compile(Pattern.quote(email.key()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(s.note())
                        .replaceAll(ADDRESS_NOT_KEPT))
                .execute());
    }

    public Optional<Suppression> find(EmailAddress email) {
        return handle.createQuery(sql.get("suppression-by-hash")).bind("hash", EmailHash.of(email.key()))
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** Which of these address keys (lower-cased addresses) are suppressed. */
    public Set<String> suppressedKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byHash = new HashMap<>(keys.size() * 2);
        EmailHasher hasher = new EmailHasher();
        for (String key : keys) {
            byHash.put(hasher.of(key), key);
        }
        Set<String> found = new HashSet<>();
        handle.createQuery(sql.get("suppressed-hashes")).bindList("hashes", new ArrayList<>(byHash.keySet()))
                .mapTo(String.class)
                .forEach(hash -> found.add(byHash.get(hash)));
        return found;
    }

    public List<Suppression> recent(int limit) {
        return handle.createQuery(sql.get("suppressions-recent")).bind("limit", limit).map((rs, ctx) -> map(rs)).list();
    }

    private static Suppression map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Suppression(rs.getString("email"), SuppressionReason.fromWord(rs.getString("reason")),
                rs.getString("note"), Rows.instant(rs, "at"));
    }
}
