package org.newsletter.store.csv;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes subscribers as our own CSV format, the one {@link CsvFormat#NEWSLETTER} reads back:
 *
 * <pre>email,name,status,tags,attributes,consent_source,consent_at,created_at,updated_at</pre>
 *
 * <ul>
 * <li>RFC 4180: cells with commas, quotes, line breaks or white space at either end are quoted, quotes doubled,
 * rows end in CRLF (line breaks inside cells are written as they are);</li>
 * <li>tags sorted and joined with {@code ;} — or, if a tag contains {@code ;} or the cell would start with
 * {@code [}, as a JSON array of strings, which the reader also accepts (the reader trims tags and drops empty ones);</li>
 * <li>attributes as a compact JSON object with sorted keys, empty when there are none;</li>
 * <li>times as ISO-8601 instants in UTC, {@code 2024-08-09T10:00:00Z} (with milliseconds when there are any);</li>
 * <li>a cell starting with {@code = + - @}, TAB or CR gets an apostrophe in front so a spreadsheet does not run it
 * as a formula (see {@link FormulaGuard}); the reader takes it off again.</li>
 * </ul>
 *
 * <p>Each row is built in a reused buffer and handed to the writer in one call; nothing is flushed before
 * {@link #close()}, which also closes the writer. No byte order mark is written.
 */
public final class CsvExportWriter implements AutoCloseable {

    /** The header row, in order. */
    public static final List<String> HEADER = List.of("email", "name", "status", "tags", "attributes",
            "consent_source", "consent_at", "created_at", "updated_at");

    private static final String CRLF = "\r\n";

    private final Writer out;
    private final StringBuilder row = new StringBuilder(256);
    private final StringBuilder cell = new StringBuilder(128);
    private final List<String> sortedTags = new ArrayList<>();
    private long rows;

    private CsvExportWriter(Writer out) {
        this.out = out;
    }

    /** Writes the header to {@code out} at once; the rows follow with {@link #write}. */
    public static CsvExportWriter open(Writer out) throws IOException {
        CsvExportWriter writer = new CsvExportWriter(out);
        writer.writeHeader();
        return writer;
    }

    /** Creates or replaces {@code file}, UTF-8 without a byte order mark, and writes the header. */
    public static CsvExportWriter open(Path file) throws IOException {
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        try {
            return open(out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private void writeHeader() throws IOException {
        row.setLength(0);
        for (int i = 0; i < HEADER.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(HEADER.get(i));
        }
        row.append(CRLF);
        out.append(row);
    }

    /** Writes one subscriber. */
    public void write(ExportRow subscriber) throws IOException {
        row.setLength(0);
        appendCell(subscriber.email(), true);
        appendCell(nullToEmpty(subscriber.name()), false);
        appendCell(nullToEmpty(subscriber.status()), false);

        cell.setLength(0);
        appendTags(subscriber.tags());
        appendCell(cell, false);

        cell.setLength(0);
        if (!subscriber.attributes().isEmpty()) {
            JsonCells.appendObject(subscriber.attributes(), cell);
        }
        appendCell(cell, false);

        appendCell(nullToEmpty(subscriber.consentSource()), false);
        row.append(',');
        if (subscriber.consentAtMillis() != null) {
            appendInstant(subscriber.consentAtMillis());
        }
        row.append(',');
        appendInstant(subscriber.createdAtMillis());
        row.append(',');
        appendInstant(subscriber.updatedAtMillis());
        row.append(CRLF);
        out.append(row);
        rows++;
    }

    /** Rows written so far, not counting the header. */
    public long rowsWritten() {
        return rows;
    }

    private void appendTags(Collection<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        sortedTags.clear();
        for (String tag : tags) {
            if (tag != null) {
                sortedTags.add(tag);
            }
        }
        if (!JsonCells.isNaturallySorted(tags)) {
            sortedTags.sort(null);
            // drop repeats, now next to each other
            int kept = 0;
            for (int i = 0; i < sortedTags.size(); i++) {
                if (kept == 0 || !sortedTags.get(i).equals(sortedTags.get(kept - 1))) {
                    sortedTags.set(kept++, sortedTags.get(i));
                }
            }
            sortedTags.subList(kept, sortedTags.size()).clear();
        }
        if (sortedTags.isEmpty()) {
            return;
        }
        boolean plain = !sortedTags.get(0).startsWith("[");
        for (int i = 0; plain && i < sortedTags.size(); i++) {
            String tag = sortedTags.get(i);
            plain = tag.indexOf(';') < 0;
        }
        if (!plain) {
            JsonCells.appendArray(sortedTags, cell);
            return;
        }
        for (int i = 0; i < sortedTags.size(); i++) {
            if (i > 0) {
                cell.append(';');
            }
            cell.append(sortedTags.get(i));
        }
    }

    private void appendInstant(long millis) {
        DateTimeFormatter.ISO_INSTANT.formatTo(Instant.ofEpochMilli(millis), row);
    }

    /** Appends one cell: guarded against formulas, then quoted if RFC 4180 needs it (or white space would be lost). */
    private void appendCell(CharSequence value, boolean first) {
        if (!first) {
            row.append(',');
        }
        int n = value.length();
        boolean quote = n > 0 && (isSpace(value.charAt(0)) || isSpace(value.charAt(n - 1)));
        for (int i = 0; !quote && i < n; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (quote) {
            row.append('"');
        }
        if (FormulaGuard.needsPrefix(value)) {
            row.append('\'');
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '"') {
                row.append('"');
            }
            row.append(c);
        }
        if (quote) {
            row.append('"');
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Flushes and closes the writer. */
    @Override
    public void close() throws IOException {
        try (Writer w = out) {
            w.flush();
        }
    }
}
