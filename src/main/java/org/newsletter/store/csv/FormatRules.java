package org.newsletter.store.csv;

import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * How one {@link CsvFormat}'s files are read: which columns hold what, how a tags cell is written,
 * and what a row says about its status and consent beyond its columns. One implementation per format,
 * so everything about a format is in one place.
 */
interface FormatRules {

    /** The columns, as found in the header this reader was made for. */
    ColumnMap columns();

    /**
     * Columns the format's own service writes for its bookkeeping (ids, ratings, IP addresses,
     * geolocation), which mean nothing here: they are left out unless the importer is asked to keep them
     * ({@code --keep-columns}). Names as in the header; columns the file lacks are simply not there.
     */
    default List<String> bookkeepingColumns() {
        return List.of();
    }

    /** Adds the tags written in a non-blank tags cell to {@code into}, untrimmed. */
    void splitTags(String text, List<String> into) throws IOException;

    /** The subscription status the row states ({@code subscribed}, {@code unsubscribed}…), or null for none. */
    default String status(ColumnMap columns, IntFunction<String> cell) {
        return null;
    }

    /** Where consent came from, e.g. "mailchimp import", or null for the importer's default. */
    default String consentSource(ColumnMap columns, IntFunction<String> cell) {
        return null;
    }

    /** The column whose time says when consent was given, or -1. */
    default int consentTimeColumn(ColumnMap columns, IntFunction<String> cell) {
        return columns.consentAt();
    }

    /** {@code text} cut at every {@code separator}. */
    static void split(String text, char separator, List<String> into) {
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator) {
                into.add(text.substring(start, i));
                start = i + 1;
            }
        }
    }

    /** The first column whose name, {@link CsvFormat#normalise normalised}, is one of {@code names}; -1 when none is. */
    static int findNormalised(List<String> header, String... names) {
        for (int i = 0; i < header.size(); i++) {
            String normalised = CsvFormat.normalise(header.get(i));
            for (String n : names) {
                if (n.equals(normalised)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
