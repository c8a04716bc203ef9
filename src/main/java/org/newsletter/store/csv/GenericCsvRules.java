package org.newsletter.store.csv;

import java.util.List;
import java.util.Set;

/** Any other file with an email column: names and tags found by the usual column names, tags separated by ',' or ';'. */
final class GenericCsvRules implements FormatRules {

    private final ColumnMap columns;

    /** @param header the trimmed header */
    GenericCsvRules(List<String> header) {
        this.columns = new ColumnMap(CsvFormat.genericEmailColumn(header), FormatRules.findNormalised(header, "name", "full name"),
                FormatRules.findNormalised(header, "first name", "firstname", "given name"),
                FormatRules.findNormalised(header, "last name", "lastname", "surname", "family name"),
                FormatRules.findNormalised(header, "tags", "tag"), -1, -1, -1, -1, Set.of());
    }

    @Override
    public ColumnMap columns() {
        return columns;
    }

    @Override
    public void splitTags(String text, List<String> into) {
        FormatRules.split(text.replace(';', ','), ',', into);
    }
}
