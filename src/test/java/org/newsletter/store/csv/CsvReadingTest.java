package org.newsletter.store.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.newsletter.store.csv.CsvTesting.problems;
import static org.newsletter.store.csv.CsvTesting.readAll;
import static org.newsletter.store.csv.CsvTesting.rows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The awkward corners of real CSV files. */
class CsvReadingTest {

    @Test
    void byteOrderMarkCrlfQuotedCommasAndDoubledQuotes() {
        String csv = "\uFEFFemail,name,Note\r\n"
                + "ada@example.org,\"Lovelace, Ada\",\"She said \"\"hello\"\", then left\"\r\n"
                + "\"grace@example.com\",\"\",plain\r\n";
        List<ImportRow> rows = rows(readAll(csv));
        assertThat(rows).extracting(ImportRow::line, ImportRow::email, ImportRow::name).containsExactly(
                tuple(2L, "ada@example.org", "Lovelace, Ada"),
                tuple(3L, "grace@example.com", null));
        assertThat(rows.get(0).attributes()).containsExactly(Map.entry("Note", "She said \"hello\", then left"));
    }

    @Test
    void aByteOrderMarkBeforeAQuotedHeaderCell() throws IOException {
        try (CsvImportReader reader = CsvImportReader.open(new StringReader("\uFEFF\"email\",\"name\"\nada@example.org,Ada\n"))) {
            assertThat(reader.header()).containsExactly("email", "name");
            assertThat(rows(CsvTesting.drain(reader))).extracting(ImportRow::email).containsExactly("ada@example.org");
        }
    }

    @Test
    void lineNumbersCountTheLinesInsideQuotedCellsAndTheBlankLines() {
        String csv = "email,name,Address\n"                                         // 1
                + "a@example.org,A,One Street\n"                                    // 2
                + "b@example.org,B,\"Flat 2\r\n12 High Street\nLeeds\"\n"            // 3, 4, 5
                + "c@example.org,C,\n"                                              // 6
                + "\n"                                                              // 7
                + "\"d@example.org\",\"D\",\"with a\nline break\"\n"               // 8, 9
                + "\r\n"                                                            // 10
                + "e@example.org,E,x\n";                                            // 11
        List<ImportRow> rows = rows(readAll(csv));
        assertThat(rows).extracting(ImportRow::line, ImportRow::email).containsExactly(
                tuple(2L, "a@example.org"),
                tuple(3L, "b@example.org"),
                tuple(6L, "c@example.org"),
                tuple(8L, "d@example.org"),
                tuple(11L, "e@example.org"));
        assertThat(rows.get(1).attributes()).containsEntry("Address", "Flat 2\r\n12 High Street\nLeeds");
        assertThat(rows.get(3).attributes()).containsEntry("Address", "with a\nline break");
    }

    @Test
    void aMultiLineCellInTheHeaderMovesTheRowsToo() {
        List<ImportRow> rows = rows(readAll("\"e\nmail\",email\nx,a@example.org\n"));
        assertThat(rows).extracting(ImportRow::line).containsExactly(3L);
    }

    @Test
    void blankLinesAndRowsOfEmptyCellsAreSkipped() {
        String csv = "\n\nemail,name\n\n   \n,\n\" \",\"\"\nada@example.org,Ada\n\n\n";
        List<ReadResult> all = readAll(csv);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).line()).isEqualTo(8);
    }

    @Test
    void raggedRows() {
        String csv = "email,name,City,Country\n"
                + "short@example.org\n"                                   // too few cells: the rest are empty
                + "two@example.org,Two\n"
                + "trailing@example.org,T,Leeds,UK,,,\n"                   // extra empty cells are fine
                + "shifted@example.org,Smith, John,Leeds,UK\n"             // an unquoted comma: a problem
                + "after@example.org,After,York,UK\n";
        List<ReadResult> all = readAll(csv);
        assertThat(all).extracting(ReadResult::line).containsExactly(2L, 3L, 4L, 5L, 6L);
        List<ImportRow> rows = rows(all);
        assertThat(rows.get(0)).satisfies(r -> {
            assertThat(r.name()).isNull();
            assertThat(r.attributes()).isEmpty();
        });
        assertThat(rows.get(1).name()).isEqualTo("Two");
        assertThat(rows.get(2).attributes()).containsExactly(Map.entry("City", "Leeds"), Map.entry("Country", "UK"));
        assertThat(problems(all)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.reason()).contains("5 cells", "4 columns");
        });
        assertThat(rows.get(3).email()).isEqualTo("after@example.org");
    }

    @Test
    void nonAsciiNames() {
        String csv = "email,name\njose@example.org,José Núñez\nzoe@example.org,Zoë\nwei@example.cn,张伟\nemoji@example.org,Ana 👩🏽‍💻\n";
        assertThat(rows(readAll(csv))).extracting(ImportRow::name)
                .containsExactly("José Núñez", "Zoë", "张伟", "Ana 👩🏽‍💻");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "", "\n\n"})
    void withOrWithoutATrailingNewline(String end) {
        String csv = "email,name\r\na@example.org,A\r\nb@example.org,\"B\"" + end;
        assertThat(rows(readAll(csv))).extracting(ImportRow::line, ImportRow::name)
                .containsExactly(tuple(2L, "A"), tuple(3L, "B"));
    }

    @Test
    void theEmailAddressIsTrimmedButNotValidated() {
        ImportRow row = rows(readAll("email\n  not an address \t\n")).get(0);
        assertThat(row.email()).isEqualTo("not an address");
    }

    @Test
    void aRowWithoutAnEmailAddressIsAProblem() {
        List<ReadResult> all = readAll("email,name\n,Nobody\nsomebody@example.org,Somebody\n");
        assertThat(problems(all)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).contains("no email address", "\"email\"");
        });
        assertThat(rows(all)).extracting(ImportRow::line).containsExactly(3L);
    }

    @Test
    void brokenQuotingStopsTheReadWithTheLine() throws IOException {
        String csv = "email,name\na@example.org,A\nb@example.org,\"B\"x\nc@example.org,C\n";
        try (CsvImportReader reader = CsvImportReader.open(new StringReader(csv))) {
            assertThat(reader.next().line()).isEqualTo(2);
            assertThatThrownBy(reader::next)
                    .isInstanceOf(CsvFormatException.class)
                    .hasMessageStartingWith("line 3")
                    .satisfies(e -> assertThat(((CsvFormatException) e).line()).isEqualTo(3));
        }
    }

    @Test
    void anUnclosedQuoteSaysWhereTheRowStarted() throws IOException {
        String csv = "email,name\na@example.org,A\nb@example.org,\"B\nc@example.org,C\nd@example.org,D\n";
        try (CsvImportReader reader = CsvImportReader.open(new StringReader(csv))) {
            reader.next();
            assertThatThrownBy(reader::next)
                    .isInstanceOf(CsvFormatException.class)
                    .hasMessageContaining("row starting on line 3");
        }
    }

    @Test
    void iteratesLikeAnIterator() throws IOException {
        try (CsvImportReader reader = CsvImportReader.open(new StringReader("email\na@example.org\n"))) {
            assertThat(reader.hasNext()).isTrue();
            assertThat(reader.hasNext()).isTrue();
            assertThat(reader.next()).isInstanceOf(ImportRow.class);
            assertThat(reader.hasNext()).isFalse();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void theStreamClosesTheReader() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        StringReader source = new StringReader("email\na@example.org\nb@example.org\n") {
            @Override
            public void close() {
                closed.set(true);
                super.close();
            }
        };
        CsvImportReader reader = CsvImportReader.open(source);
        try (var stream = reader.stream()) {
            assertThat(stream.count()).isEqualTo(2);
        }
        assertThat(closed).isTrue();
    }

    @Test
    void opensAFileAndCountsTheBytesRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "\uFEFFEmail,Name\r\nzoe@example.org,Zoë\r\nwei@example.cn,张伟\r\n", StandardCharsets.UTF_8);
        try (CsvImportReader reader = CsvImportReader.open(file)) {
            assertThat(reader.format()).isEqualTo(CsvFormat.GENERIC);
            assertThat(reader.header()).containsExactly("Email", "Name");
            assertThat(rows(CsvTesting.drain(reader))).extracting(ImportRow::name).containsExactly("Zoë", "张伟");
            assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
        }
        try (CsvImportReader reader = CsvImportReader.open(new StringReader("email\n"))) {
            assertThat(reader.bytesRead()).isEqualTo(-1);
        }
    }

    @Test
    void badBytesInAFileAreRefusedWithTheirLineNotReplaced(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.csv");
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 5000; i++) {
            csv.append("user").append(i).append("@example.org,User ").append(i).append('\n');
        }
        csv.append("jose@example.org,Jos\u00e9\n"); // line 5002, far beyond the first block the reader decodes
        Files.write(file, csv.toString().getBytes(StandardCharsets.ISO_8859_1));
        try (CsvImportReader reader = CsvImportReader.open(file)) {
            assertThatThrownBy(() -> CsvTesting.drain(reader)).isInstanceOf(CsvFormatException.class)
                    .hasMessageStartingWith("line 5002: not UTF-8 text");
        }
    }
}
