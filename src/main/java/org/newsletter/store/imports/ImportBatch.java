package org.newsletter.store.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.csv.ImportRow;
import org.newsletter.store.csv.ReadResult;
import org.newsletter.store.csv.RowProblem;
import org.newsletter.store.internal.DetailsJson;
import org.newsletter.store.internal.EmailHasher;

/** Valid rows waiting to be written, merged by address, with the rows skipped and warned about while reading them. */
final class ImportBatch {
    /** The reason counted for a later row of an address the file has named before. */
    static final String DUPLICATE = "duplicate (merged)";

    final Map<String, ImportedPerson> people = new LinkedHashMap<>();
    final List<SkippedRow> skips = new ArrayList<>();
    final List<RowWarning> warnings = new ArrayList<>();
    /** Set by {@link #seal}: every person's key, and those that might already be in the database. */
    List<String> keys = List.of();
    List<String> lookUp = List.of();
    long rowsRead;

    void add(ReadResult result) {
        rowsRead++;
        if (result instanceof RowProblem problem) {
            skips.add(new SkippedRow(problem.line(), problem.reason(), "unreadable row"));
            return;
        }
        ImportRow row = (ImportRow) result;
        EmailAddress email;
        try {
            email = EmailAddress.parse(row.email() == null ? "" : row.email());
        } catch (InvalidAddressException e) {
            skips.add(new SkippedRow(row.line(), "invalid address '" + row.email() + "': " + e.getMessage(), "invalid address"));
            return;
        }
        if (row.status() != null && SubscriptionStatus.find(row.status()).isEmpty()) {
            skips.add(new SkippedRow(row.line(), "unknown status '" + row.status() + "'; use pending, subscribed or unsubscribed",
                    "invalid status"));
            return;
        }
        SkippedRow tooLarge = ImportLimits.exceededBy(row);
        if (tooLarge != null) {
            skips.add(tooLarge);
            return;
        }
        String address = email.toString();
        String key = EmailAddress.keyOf(address);
        for (String warning : row.warnings()) {
            warnings.add(new RowWarning(row.line(), warning));
        }
        ImportedPerson earlier = people.get(key);
        if (earlier != null) {
            boolean unsubscribes = earlier.fillFrom(row);
            skips.add(new SkippedRow(row.line(), ImportedPerson.sameAddress(row.email().strip(), earlier.line, unsubscribes), DUPLICATE));
            return;
        }
        people.put(key, new ImportedPerson(address, key, row));
    }

    /**
     * Makes each person's stored form (and PostgreSQL row, given {@code copyRows}; and the hash of the address, given
     * {@code hasher}) and decides whom to look up: everyone, or with a filter only
     * those it cannot rule out, after which their keys go into it for the batches that follow. The
     * batch is not changed after this.
     */
    void seal(DetailsJson json, AddressFilter filter, SubscriberCopyRow copyRows, EmailHasher hasher) {
        keys = new ArrayList<>(people.keySet());
        lookUp = filter == null ? keys : new ArrayList<>();
        for (ImportedPerson person : people.values()) {
            person.seal(json, copyRows, hasher);
            if (filter != null && filter.addAndCheck(person.key)) {
                lookUp.add(person.key);
            }
        }
    }

    int size() {
        return people.size();
    }
}
