package org.newsletter.store.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import org.junit.jupiter.api.Test;

/**
 * Reading streams: rows come out while the file is still being read, and nothing accumulates. The proof is
 * the source, not the heap (memory assertions are flaky): a Reader that makes its rows only when asked shows
 * how far ahead of the returned rows the reader has read — one parser buffer, a few kilobytes — however long
 * the file is. What the reader keeps between rows is one row's cells and one pending result.
 */
class CsvStreamingTest {

    private static final int ROWS = 200_000;

    @Test
    void readsTwoHundredThousandRowsWithoutHoldingTheFile() throws IOException {
        GeneratedCsv source = new GeneratedCsv(ROWS);
        long rows = 0;
        long lastLine = 0;
        long maxReadAhead = 0;
        try (CsvImportReader reader = CsvImportReader.open(source)) {
            assertThat(reader.format()).isEqualTo(CsvFormat.GENERIC);
            while (reader.hasNext()) {
                ReadResult result = reader.next();
                assertThat(result).isInstanceOf(ImportRow.class);
                rows++;
                lastLine = result.line();
                // how much of the file has been made beyond the row just returned
                maxReadAhead = Math.max(maxReadAhead, source.charsProduced - source.endOfRow(rows));
            }
        }
        assertThat(rows).isEqualTo(ROWS);
        assertThat(lastLine).isEqualTo(1 + ROWS + (ROWS / 1000 - 1)); // the header, the rows, a blank line after every 1000th but the last
        assertThat(source.charsProduced).isGreaterThan(10_000_000);
        assertThat(maxReadAhead).as("characters read ahead of the rows returned").isLessThan(64 * 1024);
        assertThat(source.closed).isTrue();
    }

    /** A CSV file of {@code rows} rows made on demand; rows are all the same length so their ends can be computed. */
    private static final class GeneratedCsv extends Reader {

        private static final String HEADER = "email,name,City,Notes\r\n";
        private final int rows;
        private final StringBuilder pending = new StringBuilder(HEADER);
        private int pos;
        private int made;
        long charsProduced;
        boolean closed;

        GeneratedCsv(int rows) {
            this.rows = rows;
        }

        private static String row(int i) {
            String n = String.format("%06d", i);
            return "user" + n + "@example.org,\"Person " + n + ", Jr.\",Leeds,\"a note that makes the row longer\"\r\n"
                    + (i % 1000 == 0 ? "\r\n" : "");
        }

        /** Characters of the file up to the end of row {@code n} (1-based), blank lines included. */
        long endOfRow(long n) {
            return HEADER.length() + n * row(1).length() + 2 * (n / 1000);
        }

        @Override
        public int read(char[] buffer, int off, int len) {
            if (pos == pending.length()) {
                if (made == rows) {
                    return -1;
                }
                pending.setLength(0);
                pos = 0;
                while (pending.length() < len && made < rows) {
                    pending.append(row(++made));
                }
            }
            int n = Math.min(len, pending.length() - pos);
            pending.getChars(pos, pos + n, buffer, off);
            pos += n;
            charsProduced += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
