package org.newsletter.store.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsletter.store.csv.CsvTesting.readAll;
import static org.newsletter.store.csv.CsvTesting.rows;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFormatTest {

    private static CsvFormat formatOf(String csv) throws IOException {
        try (CsvImportReader reader = CsvImportReader.open(new StringReader(csv))) {
            return reader.format();
        }
    }

    @Test
    void tellsOurOwnExport() throws IOException {
        StringWriter out = new StringWriter();
        try (CsvExportWriter writer = CsvExportWriter.open(out)) {
            writer.write(new ExportRow("a@example.org", "A", "subscribed", List.of(), Map.of(), "web form", null, 0, 0));
        }
        assertThat(formatOf(out.toString())).isEqualTo(CsvFormat.NEWSLETTER);
        // the first eight columns are what counts; an older export without updated_at is ours too
        assertThat(formatOf("email,name,status,tags,attributes,consent_source,consent_at,created_at\n"))
                .isEqualTo(CsvFormat.NEWSLETTER);
    }

    @Test
    void tellsAMailchimpAudienceExport() throws IOException {
        try (CsvImportReader reader = CsvTesting.openResource("mailchimp-subscribed.csv")) {
            assertThat(reader.format()).isEqualTo(CsvFormat.MAILCHIMP);
            assertThat(reader.header()).startsWith("Email Address", "First Name", "Last Name").endsWith("TAGS");
            assertThat(CsvTesting.drain(reader)).hasSize(3).allMatch(ImportRow.class::isInstance);
        }
    }

    @Test
    void tellsAListmonkExport() throws IOException {
        try (CsvImportReader reader = CsvTesting.openResource("listmonk-subscribers.csv")) {
            assertThat(reader.format()).isEqualTo(CsvFormat.LISTMONK);
            assertThat(CsvTesting.drain(reader)).hasSize(3).allMatch(ImportRow.class::isInstance);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"email", " EMAIL ", "E-Mail", "e-mail address", "Email Address ", "email_address", "MAIL",
            "Email  Address"})
    void tellsAGenericFileByItsEmailColumnWhateverItsCase(String column) throws IOException {
        String csv = "Id," + column + ",Company\n1, ada@example.org ,Analytical Engines\n";
        CsvFormat format = formatOf(csv);
        // "Email Address" exactly as Mailchimp writes it (trimmed) means Mailchimp; any other spelling is generic
        assertThat(format).isEqualTo(column.trim().equals("Email Address") ? CsvFormat.MAILCHIMP : CsvFormat.GENERIC);
        ImportRow row = rows(readAll(csv)).get(0);
        assertThat(row.email()).isEqualTo("ada@example.org");
        assertThat(row.attributes()).containsExactly(Map.entry("Id", "1"), Map.entry("Company", "Analytical Engines"));
    }

    @Test
    void genericNamesFromFullNameOrFirstAndLast() {
        ImportRow full = rows(readAll("Full_Name,E-mail\nAda Lovelace,ada@example.org\n")).get(0);
        assertThat(full.name()).isEqualTo("Ada Lovelace");
        assertThat(full.attributes()).isEmpty();

        ImportRow parts = rows(readAll("FIRST NAME, Surname ,mail\n Grace , Hopper ,grace@example.com\n")).get(0);
        assertThat(parts.name()).isEqualTo("Grace Hopper");
        assertThat(parts.attributes()).isEmpty();

        ImportRow firstOnly = rows(readAll("first_name,last_name,email\nCher,,cher@example.com\n")).get(0);
        assertThat(firstOnly.name()).isEqualTo("Cher");
    }

    @Test
    void listmonkNeedsAllFourOfItsColumns() throws IOException {
        assertThat(formatOf("uuid,email,name,attributes\n")).isEqualTo(CsvFormat.LISTMONK);
        assertThat(formatOf("uuid,email,name\n")).isEqualTo(CsvFormat.GENERIC);
    }

    @Test
    void noEmailColumnIsAnErrorNamingTheColumnsFound() {
        assertThatThrownBy(() -> formatOf("Name, Phone ,Städte\nAda,123,London\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("no email column")
                .hasMessageContaining("\"Name\", \"Phone\", \"Städte\"")
                .satisfies(e -> assertThat(((CsvFormatException) e).line()).isEqualTo(1));
    }

    @Test
    void aSemicolonSeparatedFileGetsAHint() {
        assertThatThrownBy(() -> formatOf("name;email\nAda;ada@example.org\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("semicolons");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\uFEFF", "\n\n\r\n", "\uFEFF\r\n"})
    void anEmptyFileIsAnError(String csv) {
        assertThatThrownBy(() -> formatOf(csv))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("the file is empty");
    }

    @Test
    void aHeaderWithoutNamesIsAnError() {
        assertThatThrownBy(() -> formatOf(",,\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("no column names at all");
    }
}
