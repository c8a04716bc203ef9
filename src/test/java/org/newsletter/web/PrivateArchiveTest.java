package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * An issue sent only to a private list, over real HTTP: sent through the real command line into the
 * outbox, then read the way a stranger guessing its address and a reader following the email's
 * "view in browser" link would.
 */
class PrivateArchiveTest {

    static final String STAFF_ONLY = "2024-07-staff-rota";
    static final String PUBLIC = IssueFixture.SEED_ISSUE;
    static final String BASE = "https://news.example.org/";
    static final String NEVER_SENT = "2024-07-no-such-issue";

    @TempDir
    static Path temp;

    static SiteHarness site;
    static IssueFixture workspace;
    static ClickTrackingTest.Message staffEmail;
    static ClickTrackingTest.Message newsEmail;
    static ClickTrackingTest.Message staffTestCopy;

    @BeforeAll
    static void sendToAPrivateAndAPublicListAndServe() throws Exception {
        workspace = SiteHarness.withAList(IssueFixture.copyOfRepository(temp.resolve("workspace")));
        Path staff = workspace.issue(STAFF_ONLY, """
                ---
                title: Rota for staff
                date: 2024-07-01
                preheader: Internal
                ---

                Who is on when.

                ![The team](images/birds.jpg)
                """, """
                timezone: Europe/London
                events:
                  - id: staff-meeting
                    title: Staff meeting
                    start: 2024-07-10T10:00
                    end: 2024-07-10T11:00
                    location: Office
                """);
        Files.copy(workspace.root().resolve("newsletters/" + PUBLIC + "/images/birds.jpg"),
                Files.createDirectories(staff.resolve("images")).resolve("birds.jpg"));
        SiteHarness.ok(workspace, "lists", "create", "staff", "--name", "Staff", "--private");
        SiteHarness.ok(workspace, "subscribers", "add", "sam@example.org", "--list", "staff");
        SiteHarness.ok(workspace, "send", STAFF_ONLY, "--list", "staff", "--yes");
        SiteHarness.send(workspace, PUBLIC);
        SiteHarness.ok(workspace, "send", STAFF_ONLY, "--list", "staff", "--test-to", "editor@example.org", "--yes");
        List<ClickTrackingTest.Message> sent = ClickTrackingTest.messages(workspace);
        staffEmail = sent.stream().filter(m -> m.to().contains("sam@example.org")).findFirst().orElseThrow();
        staffTestCopy = sent.stream().filter(m -> m.to().contains("editor@example.org")).findFirst().orElseThrow();
        newsEmail = sent.stream().filter(m -> m.to().contains("ann@example.org")).findFirst().orElseThrow();
        site = SiteHarness.start(workspace, new CapturedMail());
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void withoutTheKeyAPrivateIssueIsExactlyAnIssueThatDoesNotExist() throws Exception {
        HttpResponse<String> unknown = site.get("/archive/" + NEVER_SENT + "/");
        assertThat(unknown.statusCode()).isEqualTo(404);
        for (String path : List.of("/archive/" + STAFF_ONLY + "/", "/archive/" + STAFF_ONLY, "/archive/" + STAFF_ONLY + "/images/birds.jpg",
                "/archive/" + STAFF_ONLY + "/events/staff-meeting.ics")) {
            HttpResponse<String> guessed = site.get(path);
            assertThat(guessed.statusCode()).as(path).isEqualTo(404);
            assertThat(guessed.body()).as(path).isEqualTo(unknown.body()).doesNotContain("Rota for staff");
            assertThat(guessed.headers().firstValue("Cache-Control")).as(path).isEqualTo(unknown.headers().firstValue("Cache-Control"));
            assertThat(guessed.headers().firstValue("Content-Type")).as(path).isEqualTo(unknown.headers().firstValue("Content-Type"));
        }
    }

    @Test
    void aWrongKeyOrAnotherIssuesKeyOpensNothing() throws Exception {
        String right = keyOf(webLink(staffEmail.html()));
        String wrong = (right.charAt(0) == 'A' ? "B" : "A") + right.substring(1);
        HttpResponse<String> unknown = site.get("/archive/" + NEVER_SENT + "/");
        for (String path : List.of("/archive/" + STAFF_ONLY + "/~" + wrong + "/", "/archive/" + STAFF_ONLY + "/~" + wrong + "/images/birds.jpg",
                "/archive/" + STAFF_ONLY + "/~" + right.substring(1) + "/", "/archive/" + NEVER_SENT + "/~" + right + "/")) {
            HttpResponse<String> answer = site.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).isEqualTo(unknown.body());
        }
        // An unsubscribe token signed with the same secret is no key to the issue.
        String unsubscribe = site.tokens.token(org.newsletter.mail.SubscriberTokens.Purpose.UNSUBSCRIBE, 1, 1);
        assertThat(site.get("/archive/" + STAFF_ONLY + "/~" + unsubscribe.substring(unsubscribe.lastIndexOf('.') + 1) + "/").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theEmailsLinkInBothPartsOpensThePageWhichNoSharedCacheKeepsAndNoSearchEngineIndexes() throws Exception {
        String htmlLink = webLink(staffEmail.html());
        String textLink = textLink(staffEmail.text());
        assertThat(htmlLink).isEqualTo(textLink).startsWith(BASE + "archive/" + STAFF_ONLY + "/~");

        HttpResponse<String> page = site.get(URI.create(htmlLink).getPath());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Rota for staff").contains("src=\"images/birds.jpg\"").contains("href=\"events/staff-meeting.ics\"");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(page.headers().firstValue("X-Robots-Tag")).hasValue("noindex");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void thePagesImageAndCalendarFileOpenBelowTheKeyedAddressAsTheEmailLinksThem() throws Exception {
        String page = webLink(staffEmail.html());
        URI image = URI.create(page).resolve("images/birds.jpg");
        assertThat(Jsoup.parse(staffEmail.html()).select("img").eachAttr("src")).contains(image.toString());
        URI calendar = URI.create(page).resolve("events/staff-meeting.ics");
        assertThat(staffEmail.html()).contains(calendar.toString());

        HttpResponse<byte[]> jpeg = site.getBytes(image.getPath());
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(jpeg.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        HttpResponse<String> ics = site.get(calendar.getPath());
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.body()).contains("SUMMARY:Staff meeting");
        assertThat(ics.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    }

    @Test
    void aTestCopyForThePrivateListLinksToTheKeyedAddressToo() throws Exception {
        assertThat(webLink(staffTestCopy.html())).isEqualTo(webLink(staffEmail.html())).isEqualTo(textLink(staffTestCopy.text()));
    }

    @Test
    void theKeyedAddressWithoutItsSlashLeadsToThePage() throws Exception {
        String page = URI.create(webLink(staffEmail.html())).getPath();
        HttpResponse<String> redirect = site.get(page.substring(0, page.length() - 1));
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValue(page);
        assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    }

    @Test
    void aPublicListsEmailHasThePlainLinkAndThePublicIssueNeedsNoKey() throws Exception {
        String link = webLink(newsEmail.html());
        assertThat(link).isEqualTo(BASE + "archive/" + PUBLIC + "/").isEqualTo(textLink(newsEmail.text()));
        HttpResponse<String> page = site.get(URI.create(link).getPath());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(page.headers().firstValue("X-Robots-Tag")).isEmpty();
        assertThat(site.getBytes("/archive/" + PUBLIC + "/images/birds.jpg").statusCode()).isEqualTo(200);
    }

    /** Staff can give the web version again to someone who lost the email: the campaign shows the address its emails link to. */
    @Test
    void campaignsShowGivesTheAddressItsEmailsLinkTo() {
        String staffCampaign = SiteHarness.ok(workspace, "campaigns", "show", "1").out();
        assertThat(staffCampaign).contains("Campaign 1: " + STAFF_ONLY + " to staff")
                .contains("Web:      " + webLink(staffEmail.html()) + "  (private list: only this address opens it)");
        assertThat(SiteHarness.ok(workspace, "campaigns", "show", "2").out()).contains("Campaign 2: " + PUBLIC)
                .contains("Web:      " + webLink(newsEmail.html()) + "\n").doesNotContain("~");
    }

    @Test
    void theIndexAndTheFeedStillLeaveThePrivateIssueOut() throws Exception {
        assertThat(site.get("/archive/").body()).contains(PUBLIC).doesNotContain(STAFF_ONLY).doesNotContain("Rota for staff");
        assertThat(site.get("/archive/feed.xml").body()).contains(PUBLIC).doesNotContain(STAFF_ONLY).doesNotContain("Rota for staff");
    }

    @Test
    void theServersLogDoesNotHoldAWorkingKey() throws Exception {
        String page = URI.create(webLink(staffEmail.html())).getPath();
        assertThat(site.get(page).statusCode()).isEqualTo(200);
        assertThat(site.log).anyMatch(line -> line.contains("/archive/" + STAFF_ONLY + "/~…/"))
                .noneMatch(line -> line.contains(keyOf(page)));
    }

    /** The "view in browser" link of an email's HTML part. */
    private static String webLink(String html) {
        List<String> links = Jsoup.parse(html).select("a").stream().filter(a -> a.text().equals("View in browser")).map(a -> a.attr("href"))
                .distinct().toList();
        assertThat(links).hasSize(1);
        return links.get(0);
    }

    /** The "view in browser" address of an email's text part. */
    private static String textLink(String text) {
        Matcher m = Pattern.compile("View in your browser:\\s+(https://\\S+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private static String keyOf(String link) {
        Matcher m = Pattern.compile("/~([A-Za-z0-9_-]+)/").matcher(link);
        assertThat(m.find()).as(link).isTrue();
        return m.group(1);
    }
}
