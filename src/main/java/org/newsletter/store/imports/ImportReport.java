package org.newsletter.store.imports;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did (or, in a dry run, would do): counts by outcome and skipped rows by reason.
 * Each skipped row was also reported with its line as it happened.
 */
public final class ImportReport {

    private long added;
    private long updated;
    private long unchanged;
    private long warnings;
    private final Map<String, Long> skipped = new TreeMap<>();

    void countAdded() {
        added++;
    }

    void countUpdated() {
        updated++;
    }

    void countUnchanged() {
        unchanged++;
    }

    void countWarning() {
        warnings++;
    }

    void countSkipped(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    public long added() {
        return added;
    }

    public long updatedCount() {
        return updated;
    }

    public long unchangedCount() {
        return unchanged;
    }

    /** Rows imported with a warning (a cell that looks like a spreadsheet formula). */
    public long warnings() {
        return warnings;
    }

    public Map<String, Long> skippedByReason() {
        return Map.copyOf(skipped);
    }

    public long skippedCount() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rows() {
        return added + updated + unchanged + skippedCount();
    }

    /** "added 3, updated 1, unchanged 10, skipped 2 (invalid address: 1, suppressed: 1)", then any warnings. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder()
                .append("added ").append(added)
                .append(", updated ").append(updated)
                .append(", unchanged ").append(unchanged)
                .append(", skipped ").append(skippedCount());
        if (!skipped.isEmpty()) {
            s.append(" (");
            skipped.forEach((reason, count) -> s.append(reason).append(": ").append(count).append(", "));
            s.setLength(s.length() - 2);
            s.append(')');
        }
        if (warnings > 0) {
            s.append("; ").append(warnings).append(warnings == 1 ? " cell looks" : " cells look").append(" like a spreadsheet formula (see the warnings)");
        }
        return s.toString();
    }
}
