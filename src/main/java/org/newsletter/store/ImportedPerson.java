package org.newsletter.store;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.csv.ImportRow;

/** One person as the file describes them, merged over duplicate rows. */
final class ImportedPerson {
    final EmailAddress email;
    /** The address as written and its lower-cased key, made once on the reading thread. */
    final String address;
    final String key;
    final long line;
    String name;
    final Set<String> tags = new TreeSet<>();
    final Map<String, String> attributes = new TreeMap<>();
    SubscriptionStatus status;
    String consentSource;
    Long consentAt;

    ImportedPerson(EmailAddress email, ImportRow row) {
        this.email = email;
        this.address = email.toString();
        this.key = email.key();
        this.line = row.line();
        merge(row);
    }

    /** Tags and attributes as stored (JSON), set by {@link #seal} once the file can add no more to them. */
    String tagsJson;
    String attributesJson;

    /** Called on the reading thread when the batch is handed over, so the writing thread only writes. */
    void seal(DetailsJson json) {
        tagsJson = json.tags(tags);
        attributesJson = json.attributes(attributes);
    }

    SubscriptionStatus statusOrSubscribed() {
        return status == null ? SubscriptionStatus.SUBSCRIBED : status;
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
