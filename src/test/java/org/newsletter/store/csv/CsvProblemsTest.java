package org.newsletter.store.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.newsletter.store.csv.CsvTesting.problems;
import static org.newsletter.store.csv.CsvTesting.readAll;
import static org.newsletter.store.csv.CsvTesting.rows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows that cannot be read are reported with their line, and reading goes on. */
class CsvProblemsTest {

    private static final String OURS = String.join(",", CsvExportWriter.HEADER) + "\r\n";

    @Test
    void badAttributesJsonInOurExport() {
        String csv = OURS
                + "a@example.org,A,,,\"{\"\"city\"\":\"\"Leeds\"\"}\",,,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z\r\n"
                + "b@example.org,B,,,\"{city:\nLeeds}\",,,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z\r\n"
                + "c@example.org,C,,,\"[1,2]\",,,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z\r\n"
                + "d@example.org,D,,,\"{\"\"a\"\":1} trailing\",,,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z\r\n"
                + "e@example.org,E,,,,,,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z\r\n";
        List<ReadResult> all = readAll(csv);
        assertThat(problems(all)).extracting(RowProblem::line).containsExactly(3L, 5L, 6L);
        assertThat(problems(all)).allSatisfy(p -> assertThat(p.reason()).contains("attributes cell is not a JSON object"));
        assertThat(rows(all)).extracting(ImportRow::line, ImportRow::email)
                .containsExactly(tuple(2L, "a@example.org"), tuple(7L, "e@example.org"));
    }

    @Test
    void badAttributesJsonFromListmonk() {
        String csv = "uuid,email,name,attributes,status,created_at,updated_at\n"
                + "u1,a@example.org,A,\"{\"\"city\"\": \"\"Leeds\"\"\",enabled,2024-01-05 10:11:12+00,2024-01-05 10:11:12+00\n"
                + "u2,b@example.org,B,{},enabled,2024-01-05 10:11:12+00,2024-01-05 10:11:12+00\n";
        List<ReadResult> all = readAll(csv);
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).isInstanceOfSatisfying(RowProblem.class, p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).contains("attributes").doesNotContain("\n");
        });
        assertThat(all.get(1)).isInstanceOf(ImportRow.class);
    }

    @Test
    void badConsentTimes() {
        String csv = OURS
                + "a@example.org,A,,,,,last Tuesday,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z\r\n"
                + "b@example.org,B,,,,,2024-08-09T10:00:00Z,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z\r\n";
        List<ReadResult> all = readAll(csv);
        assertThat(all.get(0)).isInstanceOfSatisfying(RowProblem.class, p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).contains("\"last Tuesday\"", "consent_at");
        });
        assertThat(all.get(1)).isInstanceOf(ImportRow.class);

        String mailchimp = "Email Address,OPTIN_TIME,CONFIRM_TIME\n"
                + "a@example.org,2023-01-01 00:00:00,2023-13-01 00:00:00\n"
                + "b@example.org,01/02/2023,\n"
                + "c@example.org,2023-01-01 00:00:00,\n";
        List<ReadResult> mc = readAll(mailchimp);
        assertThat(problems(mc)).extracting(RowProblem::line, p -> p.reason().contains("CONFIRM_TIME"))
                .containsExactly(tuple(2L, true), tuple(3L, false));
        assertThat(rows(mc)).extracting(ImportRow::line).containsExactly(4L);
    }

    @Test
    void badTagsArrayInOurExport() {
        String csv = OURS + "a@example.org,A,,\"[broken\",,,,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z\r\n"
                + "b@example.org,B,,x,,,,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z\r\n";
        List<ReadResult> all = readAll(csv);
        assertThat(all.get(0)).isInstanceOfSatisfying(RowProblem.class, p -> assertThat(p.reason()).contains("tags"));
        assertThat(all.get(1)).isInstanceOf(ImportRow.class);
    }

    @Test
    void problemsAfterAMultiLineCellHaveTheRightLine() {
        String csv = "email,name,attributes,uuid\n"
                + "a@example.org,\"A\nB\nC\",{},u1\n"        // 2-4
                + "b@example.org,B,{oops,u2\n";               // 5
        List<ReadResult> all = readAll(csv);
        assertThat(all).extracting(ReadResult::line).containsExactly(2L, 5L);
        assertThat(all.get(1)).isInstanceOf(RowProblem.class);
    }
}
