package org.newsletter.store.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Export → import gives back every field, over rows made as awkward as a fixed-seed random generator can. */
class CsvRoundTripTest {

    private static final int ROWS = 1_000;
    private static final String[] PIECES = {
        "Ada", "Lovelace", "José", "Zoë", "张伟", "O'Brien", ",", ", ", "\"", "\"\"", "\n", "\r\n", "'", "''", ";",
        "=", "+", "-", "@", "=SUM(A1)", "\\", "{", "}", "[", "]", " ", "\t", "👩🏽‍💻", "a", "b", "1", "0.5", "null",
    };
    private static final String[] STARTS = {"", "", "", "=", "+", "-", "@", "'=", "''-", "'"};

    private final Random random = new Random(20240809L);

    @Test
    void everyFieldComesBackEqual() throws IOException {
        List<ExportRow> written = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            written.add(randomRow(i));
        }
        StringWriter out = new StringWriter();
        try (CsvExportWriter writer = CsvExportWriter.open(out)) {
            for (ExportRow row : written) {
                writer.write(row);
            }
        }
        String csv = out.toString();

        List<ReadResult> read;
        try (CsvImportReader reader = CsvImportReader.open(new StringReader(csv))) {
            assertThat(reader.format()).isEqualTo(CsvFormat.NEWSLETTER);
            read = CsvTesting.drain(reader);
        }
        assertThat(read).hasSize(ROWS).allMatch(ImportRow.class::isInstance);
        long previousLine = 1;
        for (int i = 0; i < ROWS; i++) {
            ExportRow expected = written.get(i);
            ImportRow actual = (ImportRow) read.get(i);
            String what = "row " + i + " " + expected;
            assertThat(actual.line()).as(what).isGreaterThan(previousLine);
            previousLine = actual.line();
            assertThat(actual.email()).as(what).isEqualTo(expected.email());
            assertThat(actual.name()).as(what).isEqualTo(expected.name());
            assertThat(actual.status()).as(what).isEqualTo(expected.status());
            assertThat(actual.tags()).as(what).isEqualTo(Set.copyOf(expected.tags()));
            assertThat(actual.attributes()).as(what).isEqualTo(expected.attributes());
            assertThat(actual.consentSource()).as(what).isEqualTo(expected.consentSource());
            assertThat(actual.consentAtMillis()).as(what).isEqualTo(expected.consentAtMillis());
            assertThat(actual.warnings()).as("our own guarded cells are not warned about: " + what).isEmpty();
        }
        // each row's line is 1 + the line breaks before its email cell (emails hold none and start their rows)
        int from = 0;
        long breaks = 0;
        for (int i = 0; i < ROWS; i++) {
            int at = csv.indexOf("user" + i + "+", from);
            breaks += csv.substring(from, at).chars().filter(c -> c == '\n').count();
            assertThat(read.get(i).line()).as("line of row %d", i).isEqualTo(1 + breaks);
            from = at;
        }

        assertNoCellStartsAFormula(csv, written);
    }

    /** Reads the raw cells back with Jackson alone: none starts with a formula character, guarded ones start with '. */
    private static void assertNoCellStartsAFormula(String csv, List<ExportRow> written) throws IOException {
        int guarded = 0;
        try (CsvParser p = new CsvFactory().createParser(new StringReader(csv))) {
            int row = -1;
            int column = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    row++;
                    column = 0;
                } else if (t == JsonToken.VALUE_STRING) {
                    String cell = p.getText();
                    assertThat(cell).as("row %d column %d", row, column).doesNotStartWith("=").doesNotStartWith("+")
                            .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
                    if (row > 0 && column == 0) {
                        String email = written.get(row - 1).email();
                        if (FormulaGuard.needsPrefix(email)) {
                            assertThat(cell).isEqualTo("'" + email);
                            guarded++;
                        } else {
                            assertThat(cell).isEqualTo(email);
                        }
                    }
                    if (row > 0 && column == 1 && written.get(row - 1).name() != null
                            && FormulaGuard.isFormulaStart(written.get(row - 1).name().charAt(0))) {
                        assertThat(cell).isEqualTo("'" + written.get(row - 1).name());
                        guarded++;
                    }
                    column++;
                }
            }
        }
        assertThat(guarded).as("guarded cells checked").isGreaterThan(ROWS / 10);
    }

    private ExportRow randomRow(int i) {
        String email = pick(STARTS) + "user" + i + "+" + random.nextInt(1000) + "@example.org";
        // names never hold line breaks or other control characters: the importer refuses those rows
        String name = random.nextInt(8) == 0 ? null : nonBlank((pick(STARTS) + text(1 + random.nextInt(6))).replaceAll("\\p{Cntrl}", " "));
        String status = pick(new String[] {null, "pending", "subscribed", "unsubscribed"});
        Set<String> tags = new LinkedHashSet<>();
        for (int t = random.nextInt(4); t > 0; t--) {
            tags.add(nonBlank(pick(STARTS) + text(1 + random.nextInt(3))));
        }
        Map<String, String> attributes = new HashMap<>();
        for (int a = random.nextInt(4); a > 0; a--) {
            // keys and values go inside JSON: any text at all survives, white space and empty values too
            attributes.put(pick(STARTS) + text(1 + random.nextInt(3)) + a, pick(STARTS) + text(random.nextInt(5)));
        }
        String source = random.nextInt(3) == 0 ? null : nonBlank(pick(STARTS) + text(1 + random.nextInt(3)));
        Long consentAt = random.nextInt(4) == 0 ? null : random.nextLong(4_102_444_800_000L); // before 2100
        long created = random.nextLong(4_102_444_800_000L);
        return new ExportRow(email, name, status, List.copyOf(tags), attributes, source, consentAt, created, created + 1);
    }

    /** Text as the importer gives it back for a trimmed field: no white space at the ends, and never empty. */
    private String nonBlank(String s) {
        String trimmed = s.strip();
        return trimmed.isEmpty() ? "x" + i() : trimmed;
    }

    private int i() {
        return random.nextInt(100);
    }

    private String text(int pieces) {
        StringBuilder s = new StringBuilder();
        for (int p = 0; p < pieces; p++) {
            s.append(pick(PIECES));
        }
        return s.toString();
    }

    private <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
