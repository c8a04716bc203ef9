package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.LinkClicks;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.MutableClock;

/**
 * Click tracking end to end: a campaign sent through the real command line into the outbox, its
 * messages read back as a mail client would, and their links followed against the real public site
 * on a free port with a real SQLite file. The targets are compared with the links of the same issue
 * built without tracking.
 */
class ClickTrackingTest {

    private static final String ISSUE = IssueFixture.SEED_ISSUE;
    private static final String BASE = "https://news.example.org/";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
    private static final Pattern TEXT_LINK = Pattern.compile("https://news\\.example\\.org/c/[0-9A-Za-z._-]+");

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SiteHarness site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    /** The example workspace with this tracking set-up, two subscribers, and the issue sent at {@code sentAt}. */
    private IssueFixture sent(String tracking, Instant sentAt) {
        IssueFixture workspace = SiteHarness.workspace(temp.resolve("workspace")).clock(new MutableClock(sentAt));
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml") + tracking);
        SiteHarness.withAList(workspace);
        SiteHarness.ok(workspace, "subscribers", "add", "bob@example.org", "--name", "Bob", "--list", "news");
        SiteHarness.send(workspace, ISSUE);
        return workspace;
    }

    /** Sent an hour before the site's clock starts: long past the window after delivery. */
    private IssueFixture sentEarlier(String tracking) {
        return sent(tracking, Instant.parse("2024-08-02T08:00:00Z"));
    }

    @Test
    void aggregateClicksRedirectToTheExactLinkAndAreCountedOncePerHumanGet() throws Exception {
        IssueFixture workspace = sentEarlier("tracking: {clicks: aggregate}\n");
        List<Element> original = anchors(Files.readString(workspace.buildSeedIssue(temp.resolve("built")).resolve("email.html")));
        List<Message> messages = messages(workspace);
        assertThat(messages).hasSize(2);
        // Aggregate: the same links for everyone.
        assertThat(trackedLinks(messages.get(0))).isEqualTo(trackedLinks(messages.get(1)));
        site = SiteHarness.start(workspace, new CapturedMail());

        List<Element> sentAnchors = anchors(messages.get(0).html());
        assertThat(sentAnchors).hasSameSizeAs(original);
        int tracked = 0;
        for (int i = 0; i < sentAnchors.size(); i++) {
            String href = sentAnchors.get(i).attr("href");
            String was = original.get(i).attr("href");
            if (!href.startsWith(BASE + "c/")) {
                // Left alone: unsubscribe, preferences, calendar files and mailto:, exactly as built for this person.
                assertThat(was).satisfiesAnyOf(
                        w -> assertThat(w).startsWith(BASE + "u/"), w -> assertThat(w).startsWith(BASE + "p/"),
                        w -> assertThat(w).contains(".ics"), w -> assertThat(w).startsWith("mailto:"),
                        w -> assertThat(w).contains("calendar"));
                continue;
            }
            tracked++;
            HttpResponse<String> answer = get(href, BROWSER);
            assertThat(answer.statusCode()).as(href).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(href).contains(was);
        }
        assertThat(tracked).isGreaterThan(3);
        assertThat(sentAnchors.stream().map(a -> a.attr("href"))).anySatisfy(h -> assertThat(h).startsWith("mailto:"))
                .anySatisfy(h -> assertThat(h).contains(".ics")).anySatisfy(h -> assertThat(h).startsWith(BASE + "u/"));
        // The text part's links go through the redirect too, with the same tokens as the HTML's.
        List<String> textLinks = TEXT_LINK.matcher(messages.get(0).text()).results().map(m -> m.group()).distinct().toList();
        assertThat(textLinks).isNotEmpty().allSatisfy(l -> assertThat(trackedLinks(messages.get(0))).contains(l));

        site.awaitTrackedRequests();
        List<LinkClicks> counts = site.store(s -> s.tracking().links(campaignId()));
        long distinctFollowed = trackedLinks(messages.get(0)).size();
        assertThat(counts).hasSize((int) distinctFollowed);
        assertThat(counts.stream().mapToLong(LinkClicks::human).sum()).isEqualTo(tracked);
        assertThat(counts).allSatisfy(c -> assertThat(c.automated()).isZero());
        // Aggregate keeps nothing about the person.
        List<org.newsletter.model.ClickRecord> kept = site.store(s -> s.tracking().clicksOf(org.newsletter.model.EmailAddress.parse("ann@example.org")));
        assertThat(kept).isEmpty();
        assertThat(rows("SELECT COUNT(*) FROM click")).isZero();
    }

    @Test
    void anAlteredTokenGetsThePlain404() throws Exception {
        IssueFixture workspace = sentEarlier("tracking: {clicks: aggregate}\n");
        String link = trackedLinks(messages(workspace).get(0)).get(0);
        site = SiteHarness.start(workspace, new CapturedMail());
        String token = link.substring((BASE + "c/").length());
        String[] parts = token.split("\\.");
        String otherLink = parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2];
        String otherCampaign = (Long.parseLong(parts[0]) + 1) + "." + parts[1] + "." + parts[2];
        char last = token.charAt(token.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 1);
        String notFound = site.get("/no-such-page").body();
        for (String bad : List.of(otherLink, otherCampaign, flipped, token + ".1.AAAAAAAAAAAAAAAAAAAAAA", parts[0] + "." + parts[1])) {
            HttpResponse<String> answer = get(BASE + "c/" + bad, BROWSER);
            assertThat(answer.statusCode()).as(bad).isEqualTo(404);
            assertThat(answer.body()).isEqualTo(notFound);
            assertThat(answer.headers().firstValue("Location")).isEmpty();
        }
        assertThat(get(link, BROWSER).statusCode()).isEqualTo(302);
        site.awaitTrackedRequests();
        assertThat(rows("SELECT SUM(human) + SUM(automated) FROM campaign_link")).isEqualTo(1);
    }

    @Test
    void headRequestsScannersAndRequestsRightAfterDeliveryAreCountedAsAutomated() throws Exception {
        // Sent 30 s before the site's clock: within the window after delivery.
        IssueFixture workspace = sent("tracking: {clicks: aggregate}\n", Instant.parse("2024-08-02T09:00:30Z"));
        String link = trackedLinks(messages(workspace).get(0)).get(0);
        site = SiteHarness.start(workspace, new CapturedMail());
        assertThat(get(link, BROWSER).statusCode()).isEqualTo(302); // 30 s after delivery: a scanner, most likely
        site.clock.advance(Duration.ofMinutes(5));
        assertThat(send(HttpRequest.newBuilder(local(link)).method("HEAD", HttpRequest.BodyPublishers.noBody()).header("User-Agent", BROWSER))
                .statusCode()).isEqualTo(302);
        assertThat(get(link, "Mozilla/5.0 (compatible; Barracuda Sentinel (EE))").statusCode()).isEqualTo(302);
        assertThat(get(link, "facebookexternalhit/1.1").statusCode()).isEqualTo(302);
        assertThat(get(link, BROWSER).statusCode()).isEqualTo(302); // a person, five minutes on
        site.awaitTrackedRequests();
        LinkClicks first = site.store(s -> s.tracking().links(campaignId())).get(0);
        assertThat(first.automated()).isEqualTo(4);
        assertThat(first.human()).isEqualTo(1);
    }

    @Test
    void perPersonTheWindowIsMeasuredFromThatPersonsDelivery() throws Exception {
        IssueFixture workspace = sent("tracking: {clicks: per_person}\n", Instant.parse("2024-08-02T09:00:30Z"));
        Message ann = messages(workspace).stream().filter(m -> m.to().contains("ann@")).findFirst().orElseThrow();
        site = SiteHarness.start(workspace, new CapturedMail());
        assertThat(get(trackedLinks(ann).get(0), BROWSER).statusCode()).isEqualTo(302); // 30 s after her message was accepted
        site.clock.advance(Duration.ofMinutes(5));
        assertThat(get(trackedLinks(ann).get(0), BROWSER).statusCode()).isEqualTo(302);
        site.awaitTrackedRequests();
        long annId = site.subscriberId("ann@example.org");
        assertThat(rows("SELECT COUNT(*) FROM click WHERE subscriber_id = " + annId + " AND automated = 1")).isEqualTo(1);
        assertThat(rows("SELECT COUNT(*) FROM click WHERE subscriber_id = " + annId + " AND automated = 0")).isEqualTo(1);
    }

    @Test
    void perPersonClicksNameThePersonAndGoWhenTheyAreErased() throws Exception {
        IssueFixture workspace = sentEarlier("tracking: {clicks: per_person}\n");
        List<Message> messages = messages(workspace);
        Message ann = messages.stream().filter(m -> m.to().contains("ann@")).findFirst().orElseThrow();
        Message bob = messages.stream().filter(m -> m.to().contains("bob@")).findFirst().orElseThrow();
        assertThat(trackedLinks(ann)).hasSameSizeAs(trackedLinks(bob)).doesNotContainAnyElementsOf(trackedLinks(bob));
        site = SiteHarness.start(workspace, new CapturedMail());
        assertThat(get(trackedLinks(ann).get(0), BROWSER).statusCode()).isEqualTo(302);
        assertThat(get(trackedLinks(ann).get(1), BROWSER).statusCode()).isEqualTo(302);
        assertThat(get(trackedLinks(bob).get(0), BROWSER).statusCode()).isEqualTo(302);
        // Ann's signed part cannot be put on Bob's link index... as another person: swapping the person is refused.
        String annToken = trackedLinks(ann).get(0);
        String bobToken = trackedLinks(bob).get(0);
        String[] a = annToken.substring((BASE + "c/").length()).split("\\.");
        String[] b = bobToken.substring((BASE + "c/").length()).split("\\.");
        assertThat(get(BASE + "c/" + a[0] + "." + a[1] + "." + a[2] + "." + b[3] + "." + a[4], BROWSER).statusCode()).isEqualTo(404);
        site.awaitTrackedRequests();
        long annId = site.subscriberId("ann@example.org");
        assertThat(rows("SELECT COUNT(*) FROM click WHERE subscriber_id = " + annId)).isEqualTo(2);
        assertThat(rows("SELECT COUNT(*) FROM click")).isEqualTo(3);

        IssueFixture.Run export = SiteHarness.ok(workspace, "privacy", "export", "ann@example.org");
        assertThat(export.out()).contains("\"clicks\"").contains("\"url\"").contains("\"issue\" : \"" + ISSUE + "\"");
        SiteHarness.ok(workspace, "privacy", "erase", "ann@example.org", "--yes");
        assertThat(rows("SELECT COUNT(*) FROM click WHERE subscriber_id = " + annId)).isZero();
        assertThat(rows("SELECT COUNT(*) FROM click")).isEqualTo(1);
        // The aggregate counts stay: they name nobody.
        assertThat(rows("SELECT SUM(human) FROM campaign_link")).isEqualTo(3);
        // A click arriving after the erasure still redirects, and is kept about nobody.
        assertThat(get(trackedLinks(ann).get(0), BROWSER).statusCode()).isEqualTo(302);
        site.awaitTrackedRequests();
        assertThat(rows("SELECT COUNT(*) FROM click")).isEqualTo(1);
    }

    @Test
    void withTrackingOffLinksGoOutAsBuiltAndNothingIsStored() throws Exception {
        IssueFixture workspace = sentEarlier("");
        List<Element> original = anchors(Files.readString(workspace.buildSeedIssue(temp.resolve("built")).resolve("email.html")));
        Message ann = messages(workspace).stream().filter(m -> m.to().contains("ann@")).findFirst().orElseThrow();
        List<Element> sentAnchors = anchors(ann.html());
        assertThat(sentAnchors).hasSameSizeAs(original);
        for (int i = 0; i < sentAnchors.size(); i++) {
            String was = original.get(i).attr("href");
            if (!was.contains("/u/") && !was.contains("/p/")) { // the sample recipient's own links differ, naturally
                assertThat(sentAnchors.get(i).attr("href")).isEqualTo(was);
            }
        }
        assertThat(ann.html()).doesNotContain(BASE + "c/").doesNotContain(BASE + "o/");
        assertThat(ann.text()).doesNotContain(BASE + "c/");
        site = SiteHarness.start(workspace, new CapturedMail());
        assertThat(rows("SELECT COUNT(*) FROM campaign_link")).isZero();
        assertThat(rows("SELECT COUNT(*) FROM click")).isZero();
        assertThat(rows("SELECT COUNT(*) FROM campaign_image_load")).isZero();
    }

    @Test
    void imageLoadsAreCountedPerCampaignAndNameNobody() throws Exception {
        IssueFixture workspace = sentEarlier("tracking: {opens: aggregate}\n");
        List<Message> messages = messages(workspace);
        List<String> images = messages.stream().map(m -> Jsoup.parse(m.html()).select("img[src*=/o/]").attr("src")).distinct().toList();
        assertThat(images).hasSize(1).allSatisfy(src -> assertThat(src).startsWith(BASE + "o/").endsWith(".gif"));
        assertThat(messages.get(0).html()).doesNotContain(BASE + "c/"); // clicks stay off
        site = SiteHarness.start(workspace, new CapturedMail());
        HttpResponse<byte[]> pixel = http.send(HttpRequest.newBuilder(local(images.get(0))).header("User-Agent", BROWSER).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pixel.statusCode()).isEqualTo(200);
        assertThat(pixel.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(new String(pixel.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(get(images.get(0), "").statusCode()).isEqualTo(200); // no User-Agent: a machine
        assertThat(get(images.get(0).replace(".gif", "A.gif"), BROWSER).statusCode()).isEqualTo(404);
        site.awaitTrackedRequests();
        org.newsletter.store.TrackingRepository.Counts loads = site.store(s -> s.tracking().imageLoads(campaignId()));
        assertThat(loads).isEqualTo(new org.newsletter.store.TrackingRepository.Counts(1, 1));
        assertThat(rows("SELECT COUNT(*) FROM click")).isZero();
        assertThat(rows("SELECT COUNT(*) FROM campaign_link")).isZero();
    }

    private long campaignId() {
        return site.store(s -> s.campaigns().all().get(0).id());
    }

    private long rows(String query) {
        Long n = site.store(s -> s.database().handle().createQuery(query).mapTo(Long.class).one());
        return n == null ? 0 : n;
    }

    private URI local(String link) {
        return site.uri("/" + link.substring(BASE.length()));
    }

    private HttpResponse<String> get(String link, String userAgent) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(local(link)).header("User-Agent", userAgent));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Element> anchors(String html) {
        return Jsoup.parse(html).select("a[href]");
    }

    /** The distinct tracked links of a message, in order. */
    private static List<String> trackedLinks(Message message) {
        return anchors(message.html()).stream().map(a -> a.attr("href")).filter(h -> h.startsWith(BASE + "c/")).distinct().toList();
    }

    record Message(String to, String html, String text) {
    }

    /** Every message of the campaign in the outbox, decoded as a mail client would. */
    static List<Message> messages(IssueFixture workspace) throws Exception {
        List<Message> messages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(workspace.root().resolve(".newsletter/outbox"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), in);
                    Multipart parts = (Multipart) mime.getContent();
                    String text = null;
                    String html = null;
                    for (int i = 0; i < parts.getCount(); i++) {
                        BodyPart part = parts.getBodyPart(i);
                        if (part.isMimeType("text/plain")) {
                            text = (String) part.getContent();
                        } else if (part.isMimeType("text/html")) {
                            html = (String) part.getContent();
                        }
                    }
                    messages.add(new Message(mime.getHeader("To", ","), html, text));
                }
            }
        }
        return messages;
    }

}
