package org.newsletter.store;

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

/** Valid rows waiting to be written, merged by address, with the rows skipped while reading them. */
final class ImportBatch {
    final Map<String, ImportedPerson> people = new LinkedHashMap<>();
    final List<SkippedRow> skips = new ArrayList<>();
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
        ImportedPerson earlier = people.get(email.key());
        if (earlier != null) {
            earlier.merge(row);
            skips.add(new SkippedRow(row.line(), email + " repeats line " + earlier.line + " (merged)", "duplicate (merged)"));
            return;
        }
        people.put(email.key(), new ImportedPerson(email, row));
    }

    /** Makes each person's stored form; the batch is not changed after this. */
    void seal(DetailsJson json) {
        for (ImportedPerson person : people.values()) {
            person.seal(json);
        }
    }

    int size() {
        return people.size();
    }
}
