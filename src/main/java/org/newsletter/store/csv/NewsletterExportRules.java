package org.newsletter.store.csv;

import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;

/** Our own export ({@link CsvExportWriter}): fixed leading columns, tags as a JSON array (or ';'-separated when edited by hand). */
final class NewsletterExportRules implements FormatRules {

    private final ColumnMap columns;

    /** @param header the trimmed header, which starts with {@link CsvFormat#NEWSLETTER_PREFIX} */
    NewsletterExportRules(List<String> header) {
        // created_at (column 7) is the store's own to set; updated_at likewise
        this.columns = new ColumnMap(0, 1, -1, -1, 3, 2, 4, 5, 6, ColumnMap.existing(7, header.indexOf("updated_at")));
    }

    @Override
    public ColumnMap columns() {
        return columns;
    }

    @Override
    public void splitTags(String text, List<String> into) throws IOException {
        if (text.startsWith("[")) {
            JsonCells.readStringArray(text, into);
        } else {
            FormatRules.split(text, ';', into);
        }
    }

    @Override
    public String status(ColumnMap columns, IntFunction<String> cell) {
        return emptyToNull(cell.apply(columns.status()).trim());
    }

    @Override
    public String consentSource(ColumnMap columns, IntFunction<String> cell) {
        return emptyToNull(cell.apply(columns.consentSource()).trim());
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
