package org.newsletter.store.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsletter.store.csv.CsvTesting.millis;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CsvExportWriterTest {

    private static final String HEADER = "email,name,status,tags,attributes,consent_source,consent_at,created_at,updated_at\r\n";
    private static final long CREATED = millis("2024-08-01T00:00:00Z");

    private static String export(ExportRow... rows) throws IOException {
        StringWriter out = new StringWriter();
        try (CsvExportWriter writer = CsvExportWriter.open(out)) {
            for (ExportRow row : rows) {
                writer.write(row);
            }
            assertThat(writer.rowsWritten()).isEqualTo(rows.length);
        }
        return out.toString();
    }

    private static ExportRow row(String email, String name, java.util.Collection<String> tags, Map<String, String> attributes, String source) {
        return new ExportRow(email, name, null, tags, attributes, source, null, CREATED, CREATED);
    }

    @Test
    void writesTheHeaderEvenWithoutRows() throws IOException {
        assertThat(export()).isEqualTo(HEADER);
    }

    @Test
    void writesARowAsRfc4180WithCrlf() throws IOException {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("city", "Leeds");
        attributes.put("age", "36");
        attributes.put("note", "line one\nline \"two\"\\");
        String csv = export(new ExportRow("ada@example.org", "Lovelace, Ada", "subscribed",
                List.of("volunteers", "board", "board"), attributes, "web form",
                millis("2024-08-09T10:00:00Z"), CREATED, millis("2024-08-02T03:04:05.678Z")));
        assertThat(csv).isEqualTo(HEADER
                + "ada@example.org,\"Lovelace, Ada\",subscribed,board;volunteers,"
                + "\"{\"\"age\"\":\"\"36\"\",\"\"city\"\":\"\"Leeds\"\",\"\"note\"\":\"\"line one\\nline \\\"\"two\\\"\"\\\\\"\"}\","
                + "web form,2024-08-09T10:00:00Z,2024-08-01T00:00:00Z,2024-08-02T03:04:05.678Z\r\n");
    }

    @Test
    void emptyValuesAreEmptyCells() throws IOException {
        assertThat(export(new ExportRow("a@example.org", null, null, null, null, null, null, CREATED, CREATED)))
                .isEqualTo(HEADER + "a@example.org,,,,,,,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z\r\n");
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasGetAnApostrophe() throws IOException {
        String csv = export(
                row("=cmd@example.org", "+Ada", List.of("@tag", "-tag"), Map.of(), "=HYPERLINK(\"http://x\")"),
                row("b@example.org", "\tTabbed", List.of(), Map.of("=key", "-1"), "\rreturn"),
                row("c@example.org", "'=already quoted", List.of(), Map.of(), "'tis fine"));
        assertThat(csv.split("\r\n")).containsExactly(
                HEADER.strip(),
                "'=cmd@example.org,'+Ada,,'-tag;@tag,,\"'=HYPERLINK(\"\"http://x\"\")\",,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z",
                // the attributes cell starts with { so its contents need nothing
                "b@example.org,\"'\tTabbed\",,,\"{\"\"=key\"\":\"\"-1\"\"}\",\"'\rreturn\",,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z",
                "c@example.org,''=already quoted,,,,'tis fine,,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z");
    }

    @Test
    void whiteSpaceAtEitherEndIsQuotedSoItSurvives() throws IOException {
        assertThat(export(row("a@example.org", " Ada ", List.of(), Map.of(), null)))
                .contains("a@example.org,\" Ada \",,");
    }

    @Test
    void tagsThatASemicolonCannotSeparateBecomeAJsonArray() throws IOException {
        assertThat(export(row("a@example.org", null, List.of("c", "a;b"), Map.of(), null)))
                .contains(",\"[\"\"a;b\"\",\"\"c\"\"]\",");
        assertThat(export(row("a@example.org", null, List.of("[draft]", "x"), Map.of(), null)))
                .contains(",\"[\"\"[draft]\"\",\"\"x\"\"]\",");
        assertThat(export(row("a@example.org", null, new TreeSet<>(List.of("b", "a")), Map.of(), null)))
                .contains(",a;b,");
    }

    @Test
    void flushesOnlyWhenClosed() throws IOException {
        int[] flushes = {0};
        boolean[] closed = {false};
        StringWriter out = new StringWriter() {
            @Override
            public void flush() {
                flushes[0]++;
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        CsvExportWriter writer = CsvExportWriter.open(out);
        for (int i = 0; i < 100; i++) {
            writer.write(row(i + "@example.org", "N" + i, List.of("t"), Map.of("k", "v"), null));
        }
        assertThat(flushes[0]).isZero();
        writer.close();
        assertThat(flushes[0]).isEqualTo(1);
        assertThat(closed[0]).isTrue();
    }
}
