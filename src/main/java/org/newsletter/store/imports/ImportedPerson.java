package org.newsletter.store.imports;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.csv.ImportRow;
import org.newsletter.store.internal.DetailsJson;

/** One person as the file describes them, merged over duplicate rows. */
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
        merge(row);
    }

    /** Tags and attributes as stored (JSON), set by {@link #seal} once the file can add no more to them. */
    String tagsJson;
    String attributesJson;
    /** PostgreSQL: the row COPY will add for this person if they are new, but for the id. */
    byte[] copyRow;

    /** Called on the reading thread when the batch is handed over, so the writing thread only writes. */
    void seal(DetailsJson json, SubscriberCopyRow copyRows) {
        tagsJson = json.tags(tags);
        attributesJson = json.attributes(attributes);
        if (copyRows != null) {
            copyRow = copyRows.afterId(this);
        }
    }

    SubscriptionStatus statusOrSubscribed() {
        return status == null ? SubscriptionStatus.SUBSCRIBED : status;
    }

    void merge(ImportRow row) {
        if (row.name() != null && !row.name().isBlank()) {
            name = row.name().strip();
        }
        tags = union(tags, row.tags());
        attributes = union(attributes, row.attributes());
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

    private static Set<String> union(Set<String> have, Set<String> more) {
        if (more.isEmpty() || have.containsAll(more)) {
            return have;
        }
        if (have.isEmpty()) {
            return more;
        }
        Set<String> both = new TreeSet<>(have);
        both.addAll(more);
        return both;
    }

    /** The attributes of both, {@code more}'s value winning where both have one. */
    private static Map<String, String> union(Map<String, String> have, Map<String, String> more) {
        if (have.isEmpty()) {
            return more;
        }
        if (more.isEmpty()) {
            return have;
        }
        Map<String, String> both = new TreeMap<>(have);
        both.putAll(more);
        return both;
    }
}
