package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.testing.IssueFixture;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The archive over real HTTP: the repository's two example issues and a third with an SVG and a
 * symbolic link are sent through the real command line; one draft is never sent and another only
 * test-sent, and neither may show anywhere.
 */
class ArchivePagesTest {

    static final String AUGUST = IssueFixture.SEED_ISSUE;
    static final String OCTOBER = "2024-10-autumn-notes";
    static final String SEPTEMBER = "2024-09-pictures";
    static final String DRAFT = "2024-11-draft";
    static final String TEST_ONLY = "2024-12-test-only";
    static final String STAFF_ONLY = "2024-07-staff-only";
    static final String SECRET = "TOP-SECRET-CONTENT";

    @TempDir
    static Path temp;

    static SiteHarness site;

    @BeforeAll
    static void sendSomeIssuesAndServe() throws Exception {
        IssueFixture workspace = SiteHarness.withAList(IssueFixture.copyOfRepository(temp.resolve("workspace")));
        Path secret = Files.writeString(temp.resolve("secret.txt"), SECRET);
        Path september = workspace.issue(SEPTEMBER, """
                ---
                title: "Pictures <and> \\"quotes\\" & more"
                date: 2024-09-12
                preheader: "Charts & <diagrams>, in September"
                ---

                A chart of the year so far.

                """, null);
        Files.createDirectories(september.resolve("images"));
        Files.writeString(september.resolve("images/chart.svg"),
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"teal\"/></svg>\n");
        // A link out of the folder lies beside the images (an issue that used it would not send: compose refuses it).
        Files.createSymbolicLink(september.resolve("images/leak.png"), secret);
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", september.resolve("images/unused.png").toFile());
        workspace.issue(DRAFT, "---\ntitle: Secret draft\ndate: 2024-11-01\npreheader: Not ready yet\n---\n\nNothing to see.\n", null);
        Files.copy(workspace.root().resolve("newsletters/" + AUGUST + "/images/birds.jpg"),
                Files.createDirectories(workspace.root().resolve("newsletters/" + DRAFT + "/images")).resolve("birds.jpg"));
        workspace.issue(TEST_ONLY, "---\ntitle: Only a test\ndate: 2024-12-01\npreheader: Editors only\n---\n\nTesting.\n", null);

        SiteHarness.send(workspace, AUGUST);
        SiteHarness.send(workspace, SEPTEMBER);
        SiteHarness.send(workspace, OCTOBER);
        SiteHarness.testSend(workspace, TEST_ONLY);
        workspace.issue(STAFF_ONLY, "---\ntitle: Rota for staff\ndate: 2024-07-01\npreheader: Internal\n---\n\nWho is on when.\n", null);
        SiteHarness.ok(workspace, "lists", "create", "staff", "--name", "Staff", "--private");
        SiteHarness.ok(workspace, "subscribers", "add", "sam@example.org", "--list", "staff");
        SiteHarness.ok(workspace, "send", STAFF_ONLY, "--list", "staff", "--yes");
        site = SiteHarness.start(workspace, new CapturedMail());
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void theIndexListsTheSentIssuesNewestFirstAndNoneOfTheOthers() throws Exception {
        String html = served(site.get("/archive/"), "text/html; charset=utf-8").body();
        List<Integer> positions = List.of(html.indexOf("href=\"" + OCTOBER + "/\""), html.indexOf("href=\"" + SEPTEMBER + "/\""),
                html.indexOf("href=\"" + AUGUST + "/\""));
        assertThat(positions).as("October, September, August in that order").doesNotContain(-1).isSorted();
        assertThat(html).contains("Autumn Notes: resources, reflections and a date for your diary")
                .contains("<time datetime=\"2024-08-09\">9 August 2024</time>")
                .contains("Pictures &lt;and&gt; &quot;quotes&quot; &amp; more")
                .doesNotContain("<and>")
                .doesNotContain(DRAFT).doesNotContain("Secret draft")
                .doesNotContain(TEST_ONLY).doesNotContain("Only a test")
                .doesNotContain(STAFF_ONLY).doesNotContain("Rota for staff");
    }

    @Test
    void anIssueSentOnlyToAPrivateListIsNotListedNorReadableAtItsPlainAddress() throws Exception {
        assertThat(served(site.get("/archive/feed.xml"), "application/atom+xml; charset=utf-8").body())
                .contains(AUGUST).doesNotContain(STAFF_ONLY).doesNotContain("Rota for staff");
        // Its keyed address, the one in its email, is PrivateArchiveTest's subject.
        HttpResponse<String> guessed = site.get("/archive/" + STAFF_ONLY + "/");
        assertThat(guessed.statusCode()).isEqualTo(404);
        assertThat(guessed.body()).doesNotContain("Rota for staff");
    }

    @Test
    void anIssueIsItsWebVersionWithTheSlashAddedWhenMissing() throws Exception {
        HttpResponse<String> redirect = site.get("/archive/" + AUGUST);
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/archive/" + AUGUST + "/");
        HttpResponse<String> toIndex = site.get("/archive");
        assertThat(toIndex.statusCode()).isEqualTo(301);
        assertThat(toIndex.headers().firstValue("Location")).hasValue("/archive/");

        HttpResponse<String> page = served(site.get("/archive/" + AUGUST + "/"), "text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        assertThat(page.body())
                .contains("<h1>August Team Update: Enjoying the fruits of co-production</h1>")
                .contains("src=\"images/birds.jpg\"")
                .contains("href=\"events/cuppa-2024-09-06.ics\"")
                .contains("href=\"https://news.example.org/archive/\"")
                .doesNotContain("sample-token").doesNotContain("Sam Sample");
    }

    @Test
    void theIssuesImagesAreServedWithTheirType() throws Exception {
        HttpResponse<byte[]> jpeg = served(site.getBytes("/archive/" + AUGUST + "/images/birds.jpg"), "image/jpeg");
        assertThat(jpeg.body()).isEqualTo(Files.readAllBytes(site.workspace().root().resolve("newsletters/" + AUGUST + "/images/birds.jpg")));
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg.body())).getWidth()).isPositive();
    }

    @Test
    void anEventsCalendarFileKeepsItsTimeZone() throws Exception {
        HttpResponse<byte[]> ics = served(site.getBytes("/archive/" + AUGUST + "/events/cuppa-2024-09-06.ics"), "text/calendar; charset=utf-8");

        assertThat(ics.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"cuppa-2024-09-06.ics\"");
        Calendar calendar = new CalendarBuilder().build(new ByteArrayInputStream(ics.body()));
        VEvent event = calendar.getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        assertThat(event.getUid().orElseThrow().getValue()).isEqualTo("cuppa-2024-09-06@example.org");
        assertThat(event.getSummary().getValue()).isEqualTo("Co-Pro Cuppa");
        assertThat(event.getDateTimeStart().getParameter("TZID").orElseThrow().getValue()).isEqualTo("Europe/London");
        ZonedDateTime start = ZonedDateTime.from(event.getDateTimeStart().getDate());
        assertThat(start.withZoneSameInstant(ZoneId.of("Europe/London")).toLocalDateTime()).hasToString("2024-09-06T14:00");
        assertThat(start.toInstant()).hasToString("2024-09-06T13:00:00Z");

        assertThat(site.get("/archive/" + AUGUST + "/events/no-such-event.ics").statusCode()).isEqualTo(404);
    }

    @Test
    void theFeedIsAtomWithOneEntryPerSentIssue() throws Exception {
        HttpResponse<String> response = served(site.get("/archive/feed.xml"), "application/atom+xml; charset=utf-8");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder().parse(new InputSource(new StringReader(response.body())));
        Element feed = xml.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(child(feed, "id")).isEqualTo("https://news.example.org/archive/");
        assertThat(child(feed, "title")).isEqualTo("Example Co-production Network");
        assertThat(child(feed, "updated")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(links(feed)).contains("self https://news.example.org/archive/feed.xml");

        List<Element> entries = elements(feed, "entry");
        assertThat(entries).extracting(e -> child(e, "id")).containsExactly(
                "https://news.example.org/archive/" + OCTOBER + "/",
                "https://news.example.org/archive/" + SEPTEMBER + "/",
                "https://news.example.org/archive/" + AUGUST + "/");
        Element september = entries.get(1);
        assertThat(child(september, "title")).isEqualTo("Pictures <and> \"quotes\" & more");
        assertThat(child(september, "summary")).isEqualTo("Charts & <diagrams>, in September");
        assertThat(child(september, "updated")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(links(september)).containsExactly("alternate https://news.example.org/archive/" + SEPTEMBER + "/");
        assertThat(child(entries.get(2), "summary")).startsWith("Support for our community");
        assertThat(response.body()).doesNotContain(DRAFT).doesNotContain(TEST_ONLY);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/archive/" + DRAFT + "/",
            "/archive/" + DRAFT,
            "/archive/" + DRAFT + "/images/birds.jpg",
            "/archive/" + TEST_ONLY + "/",
            "/archive/no-such-issue/",
            "/archive/%2e%2e/",
            "/archive/%2E%2E/newsletter.yaml",
            "/archive/..%2f..%2fnewsletter.yaml",
            "/archive/" + AUGUST + "/..%2findex.md",
            "/archive/" + AUGUST + "/images/..%2f..%2f..%2fnewsletter.yaml",
            "/archive/" + AUGUST + "/images/%2e%2e/index.md",
            "/archive/" + AUGUST + "/images%2f..%2findex.md",
            "/archive/" + AUGUST + "/images%5c..%5cindex.md",
            "/archive/" + AUGUST + "/%5cetc%5cpasswd",
            "/archive/" + AUGUST + "//etc/passwd",
            "/archive//etc/passwd",
            "/archive/%2fetc%2fpasswd/",
            "/archive/" + AUGUST + "/index.md",
            "/archive/" + AUGUST + "/events.yaml",
            "/archive/" + AUGUST + "/images/BIRDS.JPG",
            "/archive/" + AUGUST + "/./images/birds.jpg",
            "/archive/" + SEPTEMBER + "/images/leak.png",
            "/archive/" + SEPTEMBER + "/images/unused.png",
            "/archive/" + SEPTEMBER + "/images/chart.svg", // in the folder, but the issue does not use it
            "/archive/" + AUGUST + "/events/../index.md",
            "/archive/" + AUGUST + "/events/cuppa-2024-09-06.ics/",
    })
    void nothingOutsideTheSentIssuesImagesAndCalendarsCanBeFetched(String path) throws Exception {
        HttpResponse<String> response = site.get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Cache-Control")).as("a 404 is not kept").hasValue("no-store");
        assertThat(response.body()).doesNotContain(SECRET).doesNotContain("base_url").doesNotContain("title:");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/archive/../newsletter.yaml",
            "/archive/" + AUGUST + "/images/../index.md",
            "/archive/" + AUGUST + "/images\\..\\index.md",
            "/archive/" + AUGUST + "\\..\\..\\newsletter.yaml",
            "/archive/" + AUGUST + "/images/C:\\Windows\\win.ini",
            "/archive/" + AUGUST + "/images/birds.jpg%00.png",
    })
    void rawDotSegmentsAndBackslashesAreRefusedToo(String requestTarget) throws Exception {
        String answer = site.rawGet(requestTarget);

        assertThat(answer).matches("(?s)HTTP/1\\.1 (400|404) .*").doesNotContain(SECRET).doesNotContain("base_url").doesNotContain("title:");
    }

    /** Checks that {@code response} is a 200 of {@code type} that a proxy may keep for five minutes. */
    private static <T> HttpResponse<T> served(HttpResponse<T> response, String type) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(type);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        return response;
    }

    private static String child(Element parent, String name) {
        List<Element> found = elements(parent, name);
        assertThat(found).as("<%s> in <%s>", name, parent.getLocalName()).hasSize(1);
        return found.get(0).getTextContent();
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && name.equals(e.getLocalName()) && "http://www.w3.org/2005/Atom".equals(e.getNamespaceURI())) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<String> links(Element parent) {
        return elements(parent, "link").stream().map(l -> l.getAttribute("rel") + " " + l.getAttribute("href")).toList();
    }
}
