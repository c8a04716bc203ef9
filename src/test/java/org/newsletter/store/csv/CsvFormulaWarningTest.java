package org.newsletter.store.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsletter.store.csv.CsvTesting.readAll;
import static org.newsletter.store.csv.CsvTesting.rows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cells a spreadsheet would run as formulas are imported as the text they are, with a warning naming the cell. */
class CsvFormulaWarningTest {

    @Test
    void aNameOrValueThatLooksLikeAFormulaIsWarnedAboutAndKeptAsWritten() {
        String csv = "email,name,Phone Number,Twitter,Score,tags\n"
                + "eve@example.org,\"=HYPERLINK(\"\"http://x\"\")\",\"+44 (0)20 7946 0000\",@eve,-0.5,\n"
                + "mal@example.org,Mal,\"-2+3+cmd|' /C calc'!A0\",\"@SUM(1+1)*cmd|' /C calc'!A0\",1,\"=cmd|' /C notepad'!A0;x\"\n"
                + "ann@example.org,Ann,+44 20 7946 0000,@ann,-3,news\n";
        List<ImportRow> rows = rows(readAll(csv));
        assertThat(rows).hasSize(3);
        ImportRow eve = rows.get(0);
        assertThat(eve.name()).isEqualTo("=HYPERLINK(\"http://x\")");
        assertThat(eve.warnings()).singleElement().asString()
                .isEqualTo("the name cell =HYPERLINK(\"http://x\") looks like a spreadsheet formula; it is imported as text: check where the file came from");
        assertThat(rows.get(1).warnings()).hasSize(3).anySatisfy(w -> assertThat(w).startsWith("the Phone Number cell -2+3+cmd|"))
                .anySatisfy(w -> assertThat(w).startsWith("the Twitter cell @SUM(1+1)"))
                .anySatisfy(w -> assertThat(w).startsWith("the tags cell =cmd|"));
        assertThat(rows.get(2).warnings()).as("phone numbers, handles and negative numbers are data").isEmpty();
    }

    @Test
    void ourOwnExportsGuardedCellsComeBackWithoutAWarning() {
        String csv = "email,name,status,tags,attributes,consent_source,consent_at,created_at\n"
                + "a@example.org,'=HYPERLINK(\"x\"),subscribed,,\"{\"\"note\"\":\"\"=1+1\"\"}\",'@staff,,\n";
        ImportRow row = rows(readAll(csv)).get(0);
        assertThat(row.name()).isEqualTo("=HYPERLINK(\"x\")");
        assertThat(row.consentSource()).isEqualTo("@staff");
        assertThat(row.attributes()).containsEntry("note", "=1+1");
        assertThat(row.warnings()).isEmpty();
    }

    @Test
    void aLongOrMultiLineCellIsQuotedOnOneShortLine() {
        String csv = "email,note\nx@example.org,\"=CONCATENATE(\n\"\"" + "a".repeat(200) + "\"\")\"\n";
        String warning = rows(readAll(csv)).get(0).warnings().get(0);
        assertThat(warning).startsWith("the note cell =CONCATENATE( \"aaa").contains("a…").doesNotContain("\n");
        assertThat(warning.length()).as("the 200-character cell is cut short").isLessThan(180);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "==== heading", "+HYPERLINK(\"http://x\")", "-cmd|' /C calc'!A0", "@SUM(A1)", "=A1"})
    void theseWouldRunInASpreadsheet(String cell) {
        assertThat(FormulaGuard.looksLikeFormula(cell)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "=", "+", "+44 20 7946 0000", "+44 (0)20 7946 0000", "-0.12780000", "-", "@ann", "@", "Ann", " =1+1",
        "'=HYPERLINK(\"x\")", "''-cmd|x", "2024-01-01", "a=b", "- a list (with notes)"})
    void theseAreData(String cell) {
        assertThat(FormulaGuard.looksLikeFormula(cell)).isFalse();
    }
}
