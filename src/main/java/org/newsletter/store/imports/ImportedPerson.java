package org.newsletter.store.imports;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.csv.ImportRow;
import org.newsletter.store.internal.DetailsJson;
import org.newsletter.store.internal.EmailHasher;

/**
 * One person as the file describes them. When the file names the same address twice (in any case), the
 * first row wins and later rows only fill in what it left empty: a second row cannot give the first row's
 * address another person's name. The one exception is an unsubscribe, which any row may bring.
 */
final class ImportedPerson {
    /** The address as it is sent and its lower-cased key, made once on the reading thread. */
    final String address;
    final String key;
    final long line;
    String name;
    /** The first row's tags and attributes (unmodifiable), copied only when a later row adds to them. */
    Set<String> tags = Set.of();
    Map<String, String> attributes = Map.of();
    SubscriptionStatus status;
    String consentSource;
    Long consentAt;

    ImportedPerson(String address, String key, ImportRow row) {
        this.address = address;
        this.key = key;
        this.line = row.line();
        fillFrom(row);
    }

    /** Tags and attributes as stored (JSON), set by {@link #seal} once the file can add no more to them. */
    String tagsJson;
    String attributesJson;
    /** PostgreSQL: the row COPY will add for this person if they are new, but for the id. */
    byte[] copyRow;
    /** The SHA-256 of the key ({@code EmailHash}), when suppressions or withdrawn consent are to be looked up; else null. */
    String hash;

    /** Called on the reading thread when the batch is handed over, so the writing thread only writes. */
    void seal(DetailsJson json, SubscriberCopyRow copyRows, EmailHasher hasher) {
        if (hasher != null) {
            hash = hasher.of(key);
        }
        tagsJson = json.tags(tags);
        attributesJson = json.attributes(attributes);
        if (copyRows != null) {
            copyRow = copyRows.afterId(this);
        }
    }

    SubscriptionStatus statusOrSubscribed() {
        return status == null ? SubscriptionStatus.SUBSCRIBED : status;
    }

    /**
     * Takes from {@code row} what this person does not have yet: a name, tags, attributes by name, a status,
     * where and when consent was given. Returns true when the row unsubscribes someone earlier rows did not:
     * withdrawn consent is never lost to an earlier row.
     */
    boolean fillFrom(ImportRow row) {
        if (name == null && row.name() != null && !row.name().isBlank()) {
            name = row.name().strip();
        }
        if (tags.isEmpty()) {
            tags = row.tags();
        }
        attributes = fill(attributes, row.attributes());
        boolean unsubscribes = false;
        if (row.status() != null) {
            SubscriptionStatus said = SubscriptionStatus.fromWord(row.status());
            unsubscribes = said == SubscriptionStatus.UNSUBSCRIBED && status != SubscriptionStatus.UNSUBSCRIBED;
            if (status == null || unsubscribes) {
                status = said;
            }
        }
        if (consentSource == null && row.consentSource() != null && !row.consentSource().isBlank()) {
            consentSource = row.consentSource();
        }
        if (consentAt == null) {
            consentAt = row.consentAtMillis();
        }
        return unsubscribes;
    }

    /** What a later row for the same address is told: whose details stand, and what it changed. */
    static String sameAddress(String address, long firstLine, boolean unsubscribes) {
        String first = firstLine > 0 ? "line " + firstLine : "an earlier line";
        return address + ": same address as " + first + "; " + first + "'s details stand, this row only fills in what it left empty"
                + (unsubscribes ? "; unsubscribed, as this row says" : "");
    }

    /** The attributes of both, {@code have}'s value winning where both have one. */
    private static Map<String, String> fill(Map<String, String> have, Map<String, String> more) {
        if (more.isEmpty() || have.keySet().containsAll(more.keySet())) {
            return have;
        }
        if (have.isEmpty()) {
            return more;
        }
        Map<String, String> both = new TreeMap<>(more);
        both.putAll(have);
        return both;
    }
}
