package org.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** Builds the real seed issue once and checks what a subscriber would get. */
class SeedIssueBuildTest {

    @TempDir
    static Path dir;
    static IssueFixture workspace;
    static Path out;

    @BeforeAll
    static void build() {
        workspace = IssueFixture.copyOfRepository(dir);
        IssueFixture.Run run = workspace.run("build", "newsletters/2024-08-team-update", "--out", "out");
        assertThat(run.exitCode()).as(run.err()).isZero();
        out = dir.resolve("out");
    }

    @Test
    void writesEveryOutput() {
        for (String file : List.of("email.html", "email-local.html", "email.txt", "web.html", "message.eml", "images/birds.jpg",
                "images/croydon-urban-room.jpg", "events/drop-in-2024-08-15.ics", "events/drop-in-2024-08-20.ics",
                "events/cuppa-2024-09-06.ics", "events/cuppa-2024-10-01.ics", "events/cuppa-2024-11-05.ics")) {
            assertThat(out.resolve(file)).as(file).isRegularFile();
        }
    }

    @Test
    void textPartHasEveryEventWithWeekdayDateTimeAndZone() {
        String text = workspace.read("out/email.txt");
        assertThat(text)
                .contains("Thursday 15 August 2024, 17:00\u201318:30 (UK time)")
                .contains("Tuesday 20 August 2024, 13:00\u201314:30 (UK time)")
                .contains("Friday 6 September 2024, 14:00\u201315:30 (UK time)")
                .contains("Tuesday 1 October 2024, 13:00\u201314:30 (UK time)")
                .contains("Tuesday 5 November 2024, 11:00\u201312:30 (UK time)");
        assertThat(text.lines()).allSatisfy(line ->
                assertThat(line.length() <= 78 || !line.strip().contains(" ")).as("line too long: " + line).isTrue());
        assertThat(text).doesNotContain("<p>").doesNotContain("&amp;").contains("[1] https://");
    }

    @Test
    void eventsAppearWhereTheAuthorPlacedThem() {
        String text = workspace.read("out/email.txt");
        int heading = text.indexOf("Support available for members");
        int dropIn = text.indexOf("Thursday 15 August 2024");
        int sessionsFor = text.indexOf("These sessions are specifically");
        int cuppaIntro = text.indexOf("Our next Co-Pro Cuppas will take place on");
        int cuppa = text.indexOf("Friday 6 September 2024");
        assertThat(heading).isLessThan(dropIn);
        assertThat(dropIn).isLessThan(sessionsFor);
        assertThat(cuppaIntro).isLessThan(cuppa);
        assertThat(text).doesNotContain("Upcoming events");
    }

    @Test
    void emailHtmlIsARealEmailTemplate() throws Exception {
        String html = workspace.read("out/email.html");
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(102 * 1024);
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("html").attr("lang")).isEqualTo("en-GB");
        assertThat(doc.title()).isEqualTo("August Team Update: Enjoying the fruits of co-production");
        assertThat(doc.select("meta[name=color-scheme]").attr("content")).isEqualTo("light dark");
        assertThat(doc.select("table")).isNotEmpty().allSatisfy(table -> assertThat(table.attr("role")).isEqualTo("presentation"));
        assertThat(doc.select("img")).hasSize(2).allSatisfy(img -> {
            assertThat(img.attr("alt")).isNotBlank();
            assertThat(img.attr("src")).startsWith("https://news.example.org/archive/2024-08-team-update/images/");
        });
        assertThat(doc.select("img").first().attr("alt")).isEqualTo("This photo depicts a green and blue bird feeding a seed to another bird in the tree.");
        assertThat(doc.select("div[style*=display:none]").text()).startsWith("Support for our community");
        assertThat(doc.select("style").html()).contains("@media").contains("prefers-color-scheme:dark");
        assertThat(doc.select("p[style]")).isNotEmpty();
        assertThat(doc.select("a.button")).hasSize(5);
        assertThat(doc.select("a:contains(Google)")).hasSize(5);
        assertThat(doc.select("a:contains(Outlook)")).hasSize(5);
        assertThat(doc.select("a[href$=.ics]")).hasSize(5);
        assertThat(doc.select("a:contains(Unsubscribe)").attr("href")).isEqualTo("https://news.example.org/u/sample-token");
        assertThat(doc.select("a:contains(View in browser)").first().attr("href")).isEqualTo("https://news.example.org/archive/2024-08-team-update/");
        assertThat(doc.select(".footer, td:contains(Example Street)").text()).contains("Example Co-production Network");
        assertThat(doc.select("a:contains(Google)").first().attr("href"))
                .contains("dates=20240815T160000Z/20240815T173000Z").contains("ctz=Europe%2FLondon");
    }

    @Test
    void webPageLinksBackToTheArchiveAndUsesRelativeImages() {
        Document doc = Jsoup.parse(workspace.read("out/web.html"));
        assertThat(doc.select("a[href=https://news.example.org/archive/]")).isNotEmpty();
        assertThat(doc.select("img").first().attr("src")).isEqualTo("images/birds.jpg");
        assertThat(doc.select("a[href=events/cuppa-2024-11-05.ics]")).hasSize(1);
        assertThat(doc.text()).doesNotContain("@@nl-").doesNotContain("sample-token");
    }

    @Test
    void messageParsesStrictlyWithTheRightPartsAndHeaders() throws Exception {
        byte[] raw = Files.readAllBytes(out.resolve("message.eml"));
        Properties strict = new Properties();
        strict.setProperty("mail.mime.address.strict", "true");
        strict.setProperty("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        strict.setProperty("mail.mime.multipart.allowempty", "false");
        MimeMessage message;
        try (InputStream in = Files.newInputStream(out.resolve("message.eml"))) {
            message = new MimeMessage(Session.getInstance(strict), in);
        }
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(text.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat((String) text.getContent()).contains("Friday 6 September 2024, 14:00\u201315:30 (UK time)");
        assertThat((String) html.getContent()).contains("Unsubscribe");

        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("news@example.org");
        assertThat(message.getSubject()).isEqualTo("August Team Update: Enjoying the fruits of co-production");
        assertThat(message.getSentDate().toInstant()).isEqualTo(Instant.parse("2024-08-01T09:00:00Z"));
        assertThat(message.getMessageID()).matches("<[0-9a-f]{32}@example\\.org>");
        assertThat(message.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(message.getHeader("List-Id", null)).isEqualTo("\"Example Co-production Network\" <newsletter.example.org>");
        assertThat(MimeUtility.unfold(message.getHeader("List-Unsubscribe", null)))
                .isEqualTo("<https://news.example.org/u/sample-token>, <mailto:news@example.org?subject=unsubscribe>");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.getReplyTo()[0].toString()).isEqualTo("hello@example.org");

        String wire = new String(raw, StandardCharsets.US_ASCII);
        assertThat(wire.split("\r\n")).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(998));
        String body = wire.substring(wire.indexOf("\r\n\r\n"));
        assertThat(body.split("\r\n")).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(76));
        for (byte b : raw) {
            assertThat(b & 0xff).as("8-bit byte in a 7-bit message").isLessThan(128);
        }
    }

    @Test
    void calendarFilesGiveTheRightInstantsEitherSideOfTheClockChange() throws Exception {
        assertThat(start("cuppa-2024-09-06")).isEqualTo(Instant.parse("2024-09-06T13:00:00Z")); // BST, UTC+1
        assertThat(start("cuppa-2024-10-01")).isEqualTo(Instant.parse("2024-10-01T12:00:00Z")); // BST
        assertThat(start("cuppa-2024-11-05")).isEqualTo(Instant.parse("2024-11-05T11:00:00Z")); // GMT after 27 October
        Calendar calendar = parse("cuppa-2024-11-05");
        VEvent event = calendar.getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        assertThat(event.getUid().orElseThrow().getValue()).isEqualTo("cuppa-2024-11-05@example.org");
        assertThat(event.getSummary().getValue()).isEqualTo("Co-Pro Cuppa");
        assertThat(calendar.getComponent("VTIMEZONE")).isPresent();
        assertThat(workspace.read("out/events/cuppa-2024-11-05.ics")).contains("DTSTART;TZID=Europe/London:20241105T110000");
    }

    @Test
    void rebuildingGivesTheSameCalendarUidsAndMessageId() throws Exception {
        String firstEml = workspace.read("out/message.eml");
        IssueFixture.Run run = workspace.run("build", "2024-08-team-update", "--out", "out");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(workspace.read("out/message.eml")).isEqualTo(firstEml);
    }

    private static Instant start(String id) throws Exception {
        VEvent event = parse(id).getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        DtStart<?> start = event.getDateTimeStart();
        return Instant.from(start.getDate());
    }

    private static Calendar parse(String id) throws Exception {
        try (InputStream in = Files.newInputStream(out.resolve("events/" + id + ".ics"))) {
            return new CalendarBuilder().build(in);
        }
    }
}
