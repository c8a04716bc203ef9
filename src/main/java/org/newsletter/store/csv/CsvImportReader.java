package org.newsletter.store.csv;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads subscribers from a CSV file one row at a time, in constant memory whatever the file's size.
 *
 * <pre>{@code
 * try (CsvImportReader reader = CsvImportReader.open(file)) {
 *     while (reader.hasNext()) {
 *         ReadResult result = reader.next();
 *         if (result instanceof ImportRow row) {
 *             ...
 *         } else if (result instanceof RowProblem problem) {
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The file is RFC 4180 CSV, read leniently: UTF-8 with or without a byte order mark (or UTF-16 with one), CRLF or LF line ends,
 * quoted cells with commas, doubled quotes and line breaks, blank lines skipped, rows with fewer cells than the
 * header (the missing cells are empty) or with extra empty cells. The header tells the {@link CsvFormat}.
 *
 * <p>Every result carries the line the row starts on, counted as a person counts lines in an editor: the header
 * is line 1 and a quoted cell spanning three lines moves the next row three lines down. Line numbers come from
 * Jackson: the location of a row's first cell token (the location of the row's START_ARRAY token is stale, it is
 * where the previous row ended), and Jackson counts the line breaks inside quoted cells.
 *
 * <p>A row whose cells cannot be understood (an attributes cell that is not JSON, a time that is not a time,
 * no email address, more non-empty cells than columns) comes back as a {@link RowProblem} and reading goes on.
 * Broken quoting (a quote inside an unquoted cell is fine, but text after a closing quote, or a quote never
 * closed) leaves the rest of the file unreadable and throws a {@link CsvFormatException} from {@link #next()}.
 * I/O errors while iterating are thrown as {@link UncheckedIOException}.
 *
 * <p>Not thread-safe, except {@link #bytesRead()}, which a progress bar may read from another thread.
 */
public final class CsvImportReader implements Iterator<ReadResult>, AutoCloseable {

    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final CsvParser parser;
    private final CountingInputStream counter;
    /** The file read, to find the line of a byte that is not UTF-8; null when opened from a Reader. */
    private final Path source;
    private final List<String> header;
    private final CsvFormat format;
    private final RowMapper mapper;
    private final List<String> cells = new ArrayList<>();
    private long rowLine;
    private ReadResult pending;
    private boolean finished;

    private CsvImportReader(CsvParser parser, CountingInputStream counter, Path source, Set<String> keep) throws IOException {
        this.parser = parser;
        this.counter = counter;
        this.source = source;
        if (!readRow()) {
            throw new CsvFormatException(0, "the file is empty: expected a header row naming the columns, "
                    + "one of them the email address");
        }
        this.header = List.copyOf(stripFormulaGuards(cells));
        refuseDuplicateColumns(header, rowLine);
        this.format = CsvFormat.detect(header, rowLine);
        this.mapper = new RowMapper(format, header, keep);
    }

    /**
     * Reads the header from {@code reader} and tells the format. The reader is closed with this one; a
     * leading byte order mark (U+FEFF) is skipped. Buffering is not needed: the CSV parser reads in blocks.
     *
     * @throws CsvFormatException when the file is empty or has no email column
     */
    public static CsvImportReader open(Reader reader) throws IOException {
        return open(reader, Set.of());
    }

    /**
     * As {@link #open(Reader)}, importing the format's bookkeeping columns named in {@code keep} (any case)
     * as attributes all the same, e.g. Mailchimp's LEID and NOTES.
     */
    public static CsvImportReader open(Reader reader, Set<String> keep) throws IOException {
        return open(reader, null, null, keep);
    }

    /**
     * Opens a UTF-8 file, or a UTF-16 one with a byte order mark, and reads its header. A byte that is not
     * UTF-8 (a file saved as Latin-1 or Windows-1252) is a {@link CsvFormatException} naming its line, from
     * here or from {@link #next()}: guessing the encoding would store wrong names for good.
     *
     * @throws CsvFormatException when the file is empty or has no email column
     */
    public static CsvImportReader open(Path file) throws IOException {
        return open(file, Set.of());
    }

    /**
     * As {@link #open(Path)}, importing the format's bookkeeping columns named in {@code keep} (any case)
     * as attributes all the same.
     */
    public static CsvImportReader open(Path file, Set<String> keep) throws IOException {
        Charset charset = charsetOf(file);
        CountingInputStream counter = new CountingInputStream(Files.newInputStream(file));
        Reader reader = new InputStreamReader(counter, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        Path source = charset.equals(StandardCharsets.UTF_8) ? file : null;
        try {
            return open(new BufferedReader(reader, 64 * 1024), counter, source, keep);
        } catch (CharacterCodingException e) {
            throw notText(source, 1); // in the first block, which is read with the header
        }
    }

    /**
     * UTF-16 when the file starts with its byte order mark (Excel's "Unicode text"; the decoder consumes
     * the mark), else UTF-8. A zero byte among the first two without a mark is UTF-16 we cannot read safely.
     */
    private static Charset charsetOf(Path file) throws IOException {
        byte[] start = new byte[2];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, 2);
        }
        if (read == 2 && (start[0] == (byte) 0xFF && start[1] == (byte) 0xFE || start[0] == (byte) 0xFE && start[1] == (byte) 0xFF)) {
            return StandardCharsets.UTF_16;
        }
        if (read == 2 && (start[0] == 0 || start[1] == 0)) {
            throw new CsvFormatException(1, "line 1: the file looks like UTF-16 without a byte order mark; save it as UTF-8"
                    + " (\"CSV UTF-8\" in Excel) and import again");
        }
        return StandardCharsets.UTF_8;
    }

    /** Two columns of the same name (in any case) would leave one of them silently unread. */
    private static void refuseDuplicateColumns(List<String> header, long line) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (name.isEmpty()) {
                continue;
            }
            Integer first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i + 1);
            if (first != null) {
                throw new CsvFormatException(line, "line " + line + ": column '" + name + "' appears twice (columns " + first
                        + " and " + (i + 1) + "); rename or remove one");
            }
        }
    }

    private static CsvImportReader open(Reader reader, CountingInputStream counter, Path source, Set<String> keep) throws IOException {
        CsvParser parser;
        try {
            parser = CSV.createParser(skipByteOrderMark(reader));
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        try {
            return new CsvImportReader(parser, counter, source, keep);
        } catch (IOException | RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    private static Reader skipByteOrderMark(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(reader, 1);
        int first = in.read();
        if (first >= 0 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }

    /** The format told by the header. */
    public CsvFormat format() {
        return format;
    }

    /** The header's cells as written (not trimmed). */
    public List<String> header() {
        return header;
    }

    /**
     * The columns of this file that are not imported because they are the format's bookkeeping (such as
     * Mailchimp's LEID or MEMBER_RATING) and were not asked for, in header order.
     */
    public List<String> leftOutColumns() {
        return mapper.leftOut();
    }

    /**
     * Bytes read from the file so far, for a progress bar against the file's size; runs a block ahead of the
     * rows returned. -1 when the reader was opened from a {@link Reader}.
     */
    public long bytesRead() {
        return counter == null ? -1 : counter.count;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            pending = advance();
            finished = pending == null;
        }
        return pending != null;
    }

    @Override
    public ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReadResult result = pending;
        pending = null;
        return result;
    }

    /** The rest of the rows as a sequential stream; closing the stream closes this reader. */
    public Stream<ReadResult> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::closeUnchecked);
    }

    private ReadResult advance() {
        try {
            while (readRow()) {
                ReadResult result = mapper.map(rowLine, cells);
                if (result != null) {
                    return result;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the next row's cells into {@link #cells} and its first line into {@link #rowLine}; false at the end. */
    private boolean readRow() throws IOException {
        long before = parser.currentLocation().getLineNr();
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            if (token != JsonToken.START_ARRAY) {
                throw new IOException("unexpected " + token + " from the CSV parser");
            }
            cells.clear();
            rowLine = before;
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                if (cells.isEmpty()) {
                    rowLine = parser.currentTokenLocation().getLineNr();
                }
                cells.add(parser.getText());
            }
            if (token != JsonToken.END_ARRAY) {
                throw new IOException("unexpected " + token + " from the CSV parser");
            }
            return true;
        } catch (JsonProcessingException e) {
            throw broken(e, before);
        } catch (CharacterCodingException e) {
            throw notText(source, before);
        }
    }

    private static CsvFormatException notText(Path source, long rowStart) throws IOException {
        if (source == null) {
            return new CsvFormatException(Math.max(rowStart, 1), "near line " + Math.max(rowStart, 1)
                    + ": the file is not valid UTF-16 text; save it as UTF-8 (\"CSV UTF-8\" in Excel) and import again");
        }
        long line = Utf8Lines.firstMalformedLine(source);
        return new CsvFormatException(line, "line " + line + ": not UTF-8 text (saved as Latin-1 or Windows-1252?);"
                + " save it as UTF-8 (\"CSV UTF-8\" in Excel) and import again");
    }

    private static CsvFormatException broken(JsonProcessingException e, long rowStart) {
        JsonLocation at = e.getLocation();
        long line = at == null || at.getLineNr() < 1 ? Math.max(rowStart, 1) : at.getLineNr();
        String where = "line " + line + (at != null && at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "");
        String row = rowStart >= 1 && rowStart < line ? " (in the row starting on line " + rowStart + ")" : "";
        return new CsvFormatException(line, where + row + ": cannot read the CSV: " + e.getOriginalMessage()
                + "; a cell with quotes, commas or line breaks must be in double quotes, with its quotes doubled", e);
    }

    private static List<String> stripFormulaGuards(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (String cell : cells) {
            out.add(FormulaGuard.restore(cell));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private void closeUnchecked() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class CountingInputStream extends FilterInputStream {

        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
