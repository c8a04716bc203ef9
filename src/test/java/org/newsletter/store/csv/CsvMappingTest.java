package org.newsletter.store.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.newsletter.store.csv.CsvTesting.millis;
import static org.newsletter.store.csv.CsvTesting.readAll;
import static org.newsletter.store.csv.CsvTesting.rows;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each format's columns become an {@link ImportRow}. */
class CsvMappingTest {

    @Test
    void mailchimpNamesTagsConsentAndTheAudiencesOwnFieldsAsAttributes() throws IOException {
        List<ImportRow> rows;
        try (CsvImportReader reader = CsvTesting.openResource("mailchimp-subscribed.csv")) {
            rows = rows(CsvTesting.drain(reader));
        }
        ImportRow ada = rows.get(0);
        assertThat(ada.line()).isEqualTo(2);
        assertThat(ada.email()).isEqualTo("ada@example.org");
        assertThat(ada.name()).isEqualTo("Ada Lovelace");
        assertThat(ada.tags()).containsExactly("Board", "Volunteers, North");
        assertThat(ada.consentSource()).isEqualTo("mailchimp import");
        assertThat(ada.consentAtMillis()).isEqualTo(millis("2023-01-15T10:15:00Z")); // CONFIRM_TIME
        assertThat(ada.status()).isNull();
        // Mailchimp's bookkeeping (ids, rating, IP addresses, geolocation, notes) is left out
        assertThat(ada.attributes()).containsOnly(entry("Address", "12 St James's Square  London  SW1Y 4JH  GB"),
                entry("Phone Number", "+44 20 7946 0000"));

        ImportRow grace = rows.get(1);
        assertThat(grace.name()).isEqualTo("Grace Hopper");
        assertThat(grace.tags()).containsExactly("Volunteers");
        assertThat(grace.consentAtMillis()).isEqualTo(millis("2023-06-02T08:00:00Z")); // no CONFIRM_TIME: OPTIN_TIME
        assertThat(grace.attributes()).isEmpty(); // Address and Phone Number empty; NOTES is bookkeeping

        ImportRow zoe = rows.get(2);
        assertThat(zoe.name()).isEqualTo("Zoë");
        assertThat(zoe.tags()).isEmpty();
        assertThat(zoe.consentAtMillis()).isEqualTo(millis("2024-02-29T23:59:59Z"));
    }

    @Test
    void mailchimpBookkeepingColumnsAreLeftOutUnlessAskedFor() throws IOException {
        try (CsvImportReader reader = CsvTesting.openResource("mailchimp-subscribed.csv")) {
            assertThat(reader.leftOutColumns()).containsExactly("MEMBER_RATING", "OPTIN_TIME", "OPTIN_IP", "CONFIRM_TIME", "CONFIRM_IP",
                    "LATITUDE", "LONGITUDE", "GMTOFF", "DSTOFF", "TIMEZONE", "CC", "REGION", "LAST_CHANGED", "LEID", "EUID", "NOTES");
        }
        List<ImportRow> rows;
        try (CsvImportReader reader = CsvTesting.openResource("mailchimp-subscribed.csv", Set.of("LEID", "notes", " confirm_time "))) {
            assertThat(reader.leftOutColumns()).doesNotContain("LEID", "NOTES", "CONFIRM_TIME").contains("MEMBER_RATING", "EUID");
            rows = rows(CsvTesting.drain(reader));
        }
        assertThat(rows.get(0).attributes()).containsOnly(entry("Address", "12 St James's Square  London  SW1Y 4JH  GB"),
                entry("Phone Number", "+44 20 7946 0000"), entry("CONFIRM_TIME", "2023-01-15 10:15:00"), entry("LEID", "123456789"));
        assertThat(rows.get(0).consentAtMillis()).as("still the consent time").isEqualTo(millis("2023-01-15T10:15:00Z"));
        assertThat(rows.get(1).attributes()).containsOnly(entry("LEID", "223456789"), entry("NOTES", "Met at the \"Women in Tech\" meetup"));
        // Other formats have no bookkeeping: every other column is an attribute, whatever its name
        assertThat(rows(readAll("email,LEID,NOTES\na@example.org,1,hi\n")).get(0).attributes())
                .containsOnly(entry("LEID", "1"), entry("NOTES", "hi"));
    }

    @Test
    void mailchimpUnsubscribedAndCleanedExportsSaySo() {
        String csv = "Email Address,First Name,Last Name,OPTIN_TIME,UNSUB_TIME,UNSUB_REASON\n"
                + "gone@example.org,Gone,,2023-01-01 00:00:00,2024-05-06 07:08:09,No longer interested\n"
                + "still@example.org,Still,,2023-01-01 00:00:00,,\n";
        List<ImportRow> rows = rows(readAll(csv));
        assertThat(rows.get(0).status()).isEqualTo("unsubscribed");
        assertThat(rows.get(0).attributes()).containsEntry("UNSUB_TIME", "2024-05-06 07:08:09")
                .containsEntry("UNSUB_REASON", "No longer interested");
        assertThat(rows.get(1).status()).isNull();
        assertThat(rows(readAll("Email Address,CLEAN_TIME\nbounced@example.org,2024-05-06 07:08:09\n")).get(0).status())
                .isEqualTo("unsubscribed");
    }

    @Test
    void mailchimpTagsInTheirOddCell() {
        String csv = "Email Address,TAGS\n"
                + "a@example.org,\"\"\"one\"\",\"\"two, with comma\"\",\"\"say \"\"\"\"hi\"\"\"\"\"\"\"\n"
                + "b@example.org,plain\n"
                + "c@example.org,\"\"\"\"\",\"\" spaced \"\"\"\n";
        List<ImportRow> rows = rows(readAll(csv));
        assertThat(rows.get(0).tags()).containsExactly("one", "two, with comma", "say \"hi\"");
        assertThat(rows.get(1).tags()).containsExactly("plain");
        assertThat(rows.get(2).tags()).containsExactly("spaced");
    }

    @Test
    void listmonkAttributesFlattenedAndBlocklistedMeansUnsubscribed() throws IOException {
        List<ImportRow> rows;
        try (CsvImportReader reader = CsvTesting.openResource("listmonk-subscribers.csv")) {
            rows = rows(CsvTesting.drain(reader));
        }
        ImportRow ada = rows.get(0);
        assertThat(ada.name()).isEqualTo("Ada Lovelace");
        assertThat(ada.attributes()).containsOnly(
                entry("address.city", "Leeds"),
                entry("address.postcode", "LS1 1AA"),
                entry("age", "36"),
                entry("langs", "[\"en\",\"fr\"]"),
                entry("vip", "true"));
        assertThat(ada.status()).isNull(); // enabled says nothing about a list
        assertThat(ada.consentSource()).isEqualTo("listmonk import");
        assertThat(ada.consentAtMillis()).isEqualTo(millis("2024-01-05T10:11:12.123Z"));
        assertThat(ada.tags()).isEmpty();

        ImportRow grace = rows.get(1);
        assertThat(grace.status()).isEqualTo("unsubscribed");
        assertThat(grace.attributes()).isEmpty();
        assertThat(grace.consentAtMillis()).isEqualTo(millis("2024-01-05T10:11:12.123Z"));

        ImportRow jose = rows.get(2);
        assertThat(jose.name()).isEqualTo("José Núñez");
        assertThat(jose.status()).isNull(); // disabled
        assertThat(jose.attributes()).containsOnly(entry("score", "1.50")); // numbers as written, nulls left out
        assertThat(jose.consentAtMillis()).isEqualTo(millis("2024-01-06T03:30:00Z"));
    }

    @Test
    void genericExtraColumnsBecomeAttributesAndEmptyCellsAreSkipped() {
        String csv = "Email, Name ,Company,  City  ,,Tags,Signed up\n"
                + "ada@example.org,Ada,Analytical Engines, London ,ignored,\"board; volunteers,north\",2020\n"
                + "grace@example.com,Grace,,,,,\n";
        List<ImportRow> rows = rows(readAll(csv));
        assertThat(rows.get(0).attributes()).containsExactly(
                entry("Company", "Analytical Engines"), entry("City", "London"), entry("Signed up", "2020"));
        assertThat(rows.get(0).tags()).containsExactly("board", "volunteers", "north");
        assertThat(rows.get(0).consentSource()).isNull();
        assertThat(rows.get(0).consentAtMillis()).isNull();
        assertThat(rows.get(0).status()).isNull();
        assertThat(rows.get(1).attributes()).isEmpty();
        assertThat(rows.get(1).tags()).isEmpty();
    }

    @Test
    void ourOwnExportReadsEveryColumn() {
        String csv = String.join(",", CsvExportWriter.HEADER) + ",Extra\r\n"
                + "ada@example.org,Ada,subscribed,board;volunteers,\"{\"\"city\"\":\"\"Leeds\"\",\"\"n\"\":2}\",web form,"
                + "2024-08-09T10:00:00Z,2024-08-01T00:00:00Z,2024-08-02T00:00:00Z,more\r\n"
                + "b@example.org,,,\"[\"\"a;b\"\",\"\"c\"\"]\",{},,,2024-08-01T00:00:00Z,2024-08-01T00:00:00Z,\r\n";
        List<ImportRow> rows = rows(readAll(csv));
        ImportRow ada = rows.get(0);
        assertThat(ada.status()).isEqualTo("subscribed");
        assertThat(ada.tags()).containsExactly("board", "volunteers");
        assertThat(ada.attributes()).containsExactly(entry("city", "Leeds"), entry("n", "2"), entry("Extra", "more"));
        assertThat(ada.consentSource()).isEqualTo("web form");
        assertThat(ada.consentAtMillis()).isEqualTo(millis("2024-08-09T10:00:00Z"));
        ImportRow b = rows.get(1);
        assertThat(b.name()).isNull();
        assertThat(b.status()).isNull();
        assertThat(b.tags()).containsExactly("a;b", "c");
        assertThat(b.attributes()).isEmpty();
        assertThat(b.consentSource()).isNull();
        assertThat(b.consentAtMillis()).isNull();
    }

    @Test
    void theApostropheAgainstFormulasComesOffEveryCell() {
        String csv = "email,name,Formula,Quoted,Plain,'=Header\n"
                + "'-dash@example.org,'@Ada,'=SUM(A1:A2),''+1,'tis,x\n";
        ImportRow row = rows(readAll(csv)).get(0);
        assertThat(row.email()).isEqualTo("-dash@example.org");
        assertThat(row.name()).isEqualTo("@Ada");
        assertThat(row.attributes()).containsExactly(
                entry("Formula", "=SUM(A1:A2)"), entry("Quoted", "'+1"), entry("Plain", "'tis"), entry("=Header", "x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-08-09T10:00:00Z                       | 2024-08-09T10:00:00Z",
        "2024-08-09T11:00:00.5+01:00                | 2024-08-09T10:00:00.500Z",
        "2024-08-09 10:00:00                        | 2024-08-09T10:00:00Z",
        "2024-08-09T10:00                           | 2024-08-09T10:00:00Z",
        "2024-01-05 10:11:12.123456+00              | 2024-01-05T10:11:12.123Z",
        "2024-01-05 10:11:12.123456-08              | 2024-01-05T18:11:12.123Z",
        "2024-01-05 10:11:12+0530                   | 2024-01-05T04:41:12Z",
        "2024-01-05 10:11:12.123456 +0000 UTC       | 2024-01-05T10:11:12.123Z",
        "2024-01-05 10:11:12 +0100 CET              | 2024-01-05T09:11:12Z",
        "2024-01-05 10:11:12 +0530 +0530            | 2024-01-05T04:41:12Z",
        "2024-01-05 10:11:12 +0000 UTC m=+0.000123  | 2024-01-05T10:11:12Z",
        "2024-01-05 10:11:12 UTC                    | 2024-01-05T10:11:12Z",
        "2024-01-05                                 | 2024-01-05T00:00:00Z",
    })
    void readsTheTimesTheExportsWrite(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(millis(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"yesterday", "09/08/2024 10:00", "2024-02-30 10:00:00", "2024-08-09 25:00:00",
        "2024-08-09 10:00:00 CET", "1723197600", "2024-13-09 10:00:00", "2024-08-09T10:00:61Z", "2024-08-09x10:00:00"})
    void refusesOtherTimes(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
