package org.newsletter.store.csv;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One subscriber as {@link CsvExportWriter} writes it. Null name, status, consent source and consent time
 * are written as empty cells; null tags and attributes as none. The collections are not copied.
 */
public record ExportRow(
        String email,
        String name,
        String status,
        Collection<String> tags,
        Map<String, String> attributes,
        String consentSource,
        Long consentAtMillis,
        long createdAtMillis,
        long updatedAtMillis) {

    public ExportRow {
        Objects.requireNonNull(email, "email");
        tags = tags == null ? List.of() : tags;
        attributes = attributes == null ? Map.of() : attributes;
    }
}
