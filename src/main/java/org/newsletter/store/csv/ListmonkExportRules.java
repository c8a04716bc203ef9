package org.newsletter.store.csv;

import java.util.List;
import java.util.function.IntFunction;

/** listmonk's subscriber export: attributes as a JSON object, no tags, "blocklisted" people unsubscribed. */
final class ListmonkExportRules implements FormatRules {

    private final ColumnMap columns;

    /** @param header the trimmed header */
    ListmonkExportRules(List<String> header) {
        this.columns = new ColumnMap(header.indexOf("email"), header.indexOf("name"), -1, -1, -1, header.indexOf("status"),
                header.indexOf("attributes"), -1, header.indexOf("created_at"),
                ColumnMap.existing(header.indexOf("uuid"), header.indexOf("updated_at")));
    }

    @Override
    public ColumnMap columns() {
        return columns;
    }

    @Override
    public void splitTags(String text, List<String> into) {
        // listmonk exports lists, not tags
    }

    @Override
    public String status(ColumnMap columns, IntFunction<String> cell) {
        return "blocklisted".equalsIgnoreCase(cell.apply(columns.status()).trim()) ? "unsubscribed" : null;
    }

    @Override
    public String consentSource(ColumnMap columns, IntFunction<String> cell) {
        return "listmonk import";
    }
}
