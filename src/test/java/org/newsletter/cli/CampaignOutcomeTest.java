package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.BounceKind;
import org.newsletter.model.EmailAddress;
import org.newsletter.store.BounceRepository;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.SelfService;
import org.newsletter.store.Store;
import org.newsletter.testing.Axe;
import org.newsletter.testing.HeadlessChromium;
import org.newsletter.testing.IssueFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code campaigns show} after a real campaign (20 people, the local outbox) and what followed it:
 * bounces and a complaint recorded against it, readers leaving through its links within a week, one
 * leaving too late to count, and one removed by staff. Its figures must be what the database holds.
 */
class CampaignOutcomeTest {

    @TempDir
    Path dir;

    IssueFixture workspace;

    @BeforeEach
    void sendCampaign() {
        workspace = IssueFixture.copyOfRepository(dir);
        ok("lists", "create", "news", "--name", "Monthly news");
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 1; i <= 20; i++) {
            csv.append("p").append(i).append("@example.org,Person ").append(i).append('\n');
        }
        workspace.write("people.csv", csv.toString());
        ok("subscribers", "import", "people.csv", "--list", "news");
        ok("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
    }

    IssueFixture.Run ok(String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    /** The store as it is at {@code when} (the campaign went out at IssueFixture.CLOCK's time). */
    Store storeAt(String when) {
        return Store.open(DatabaseLocation.sqlite(dir.resolve(".newsletter/newsletter.db")), Clock.fixed(Instant.parse(when), ZoneOffset.UTC));
    }

    static BounceRepository.NewBounce bounce(Store store, String who, BounceKind kind, String status, String reportId) {
        long id = store.subscribers().require(EmailAddress.parse(who + "@example.org")).id();
        return new BounceRepository.NewBounce(reportId, kind, new BounceRepository.Target(id, who + "@example.org", 1L, store.lists().require("news").id()),
                status, "", Instant.parse("2024-08-01T12:00:00Z"));
    }

    void unsubscribe(Store store, String who, String how) {
        long id = store.subscribers().require(EmailAddress.parse(who + "@example.org")).id();
        assertThat(store.selfService().unsubscribe(id, store.lists().require("news").id(), how)).isTrue();
    }

    /** Two hard bounces, one soft, one complaint, two unsubscribes within the week, one after it, one by staff. */
    void aftermath() {
        try (Store store = storeAt("2024-08-02T10:00:00Z")) {
            store.bounces().record(bounce(store, "p1", BounceKind.HARD_BOUNCE, "5.1.1", "r1"), 3, java.time.Duration.ofDays(30));
            store.bounces().record(bounce(store, "p2", BounceKind.HARD_BOUNCE, "5.1.1", "r2"), 3, java.time.Duration.ofDays(30));
            // Two soft bounces about one person are one person whose mail bounced.
            store.bounces().record(bounce(store, "p3", BounceKind.SOFT_BOUNCE, "4.2.2", "r3"), 3, java.time.Duration.ofDays(30));
            store.bounces().record(bounce(store, "p3", BounceKind.SOFT_BOUNCE, "4.2.2", "r4"), 3, java.time.Duration.ofDays(30));
            store.bounces().record(bounce(store, "p4", BounceKind.COMPLAINT, "abuse", "r5"), 3, java.time.Duration.ofDays(30));
            unsubscribe(store, "p5", SelfService.ONE_CLICK);
            unsubscribe(store, "p6", SelfService.UNSUBSCRIBE_PAGE);
        }
        try (Store store = storeAt("2024-08-12T10:00:00Z")) {
            unsubscribe(store, "p7", SelfService.UNSUBSCRIBE_PAGE); // 11 days later: not this campaign's doing
        }
        ok("subscribers", "unsubscribe", "p8@example.org", "--list", "news"); // staff, not the reader
    }

    @Test
    void showsDeliveryRatesAgainstGmailsLimitsAndTheUnsubscribesThatCameFromTheCampaign() throws SQLException {
        aftermath();
        String shown = ok("campaigns", "show", "1").out();

        assertThat(shown).contains("Delivery:")
                .containsPattern("accepted\\s+20  100\\.00 % of 20 answered")
                .containsPattern("failed\\s+0  0\\.00 % of answered")
                .containsPattern("hard bounces\\s+2  10\\.00 % of accepted")
                .containsPattern("soft bounces\\s+1  5\\.00 % of accepted")
                .containsPattern("complaints\\s+1  5\\.00 % of accepted: at or above Gmail's 0\\.3 % limit")
                .contains("Unsubscribes from this campaign (its links or List-Unsubscribe, within 7 days of delivery):")
                .containsPattern("unsubscribed\\s+2  10\\.00 % of accepted");

        // The same figures, asked of the database file directly.
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".newsletter/newsletter.db"));
                Statement sql = db.createStatement()) {
            assertThat(shown).containsPattern("accepted\\s+" + one(sql, "SELECT COUNT(*) FROM delivery WHERE campaign_id = 1 AND state = 'accepted'") + " ");
            assertThat(shown).containsPattern("hard bounces\\s+"
                    + one(sql, "SELECT COUNT(DISTINCT subscriber_id) FROM bounce WHERE campaign_id = 1 AND kind = 'hard-bounce'") + " ");
            assertThat(shown).containsPattern("soft bounces\\s+"
                    + one(sql, "SELECT COUNT(DISTINCT subscriber_id) FROM bounce WHERE campaign_id = 1 AND kind = 'soft-bounce'") + " ");
            assertThat(shown).containsPattern("complaints\\s+"
                    + one(sql, "SELECT COUNT(DISTINCT subscriber_id) FROM bounce WHERE campaign_id = 1 AND kind = 'complaint'") + " ");
            // Everyone who left the list: p4 (complaint), p5, p6 (within the week), p7 (too late), p8 (staff).
            assertThat(one(sql, "SELECT COUNT(*) FROM subscription WHERE status = 'unsubscribed'")).isEqualTo(5);
        }
    }

    @Test
    void theHtmlReportIsOneSelfContainedPageWhoseNumbersAreTheDatabases() throws SQLException {
        aftermath();
        assertThat(ok("campaigns", "report", "1", "--html", "report.html").out()).contains("Wrote ").contains("report.html");
        String html = workspace.read("report.html");

        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link").doesNotContain("src=")
                .doesNotContain("url(").doesNotContain("@import").doesNotContainIgnoringCase("<iframe").doesNotContainIgnoringCase("<img");
        Document page = Jsoup.parse(html);
        assertThat(page.select("h1").text()).isEqualTo("August Team Update: Enjoying the fruits of co-production");
        assertThat(page.select("header time").eachAttr("datetime")).as("the issue's date, then when it was sent").containsExactly("2024-08-09", "2024-08-01");
        assertThat(page.select("header").text()).contains("The issue of 9 August 2024.", "sent 1 August 2024, 10:00 BST");
        assertThat(page.select("svg")).hasSize(2);
        assertThat(page.select("svg").eachAttr("aria-labelledby")).containsExactly("deliveries-heading", "unsubscribes-heading");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".newsletter/newsletter.db"));
                Statement sql = db.createStatement()) {
            assertThat(figure(page, "accepted")).isEqualTo(one(sql, "SELECT COUNT(*) FROM delivery WHERE campaign_id = 1 AND state = 'accepted'"));
            assertThat(figure(page, "failed")).isEqualTo(one(sql, "SELECT COUNT(*) FROM delivery WHERE campaign_id = 1 AND state LIKE 'failed-%'"));
            assertThat(figure(page, "hardBounces"))
                    .isEqualTo(one(sql, "SELECT COUNT(DISTINCT subscriber_id) FROM bounce WHERE campaign_id = 1 AND kind = 'hard-bounce'"));
            assertThat(figure(page, "softBounces"))
                    .isEqualTo(one(sql, "SELECT COUNT(DISTINCT subscriber_id) FROM bounce WHERE campaign_id = 1 AND kind = 'soft-bounce'"));
            assertThat(figure(page, "complaints"))
                    .isEqualTo(one(sql, "SELECT COUNT(DISTINCT subscriber_id) FROM bounce WHERE campaign_id = 1 AND kind = 'complaint'"));
            assertThat(figure(page, "unsubscribes")).isEqualTo(2);
            // The delivery chart's numbers add up to the accepted messages; the unsubscribe days to the campaign's unsubscribes.
            assertThat(sum(page.select("section[aria-labelledby=deliveries-heading] details td.n")))
                    .isEqualTo(one(sql, "SELECT COUNT(*) FROM delivery WHERE campaign_id = 1 AND state = 'accepted'"));
        }
        assertThat(page.select("section[aria-labelledby=unsubscribes-heading] details tr").eachText())
                .as("every day of the week after sending, the one 11 days later outside it")
                .containsExactly("Day Unsubscribed", "1 Aug 0", "2 Aug 2", "3 Aug 0", "4 Aug 0", "5 Aug 0", "6 Aug 0", "7 Aug 0", "8 Aug 0");
        assertThat(page.select("p.never").text()).contains("0.3 %");

        HeadlessChromium.require();
        try (HeadlessChromium chromium = HeadlessChromium.start(dir, IssueFixture.REPOSITORY.resolve("target/chromedriver-report.log"), List.of(),
                Map.of())) {
            ChromeDriver driver = chromium.driver();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1500));
            driver.get(workspace.root().resolve("report.html").toUri().toString());
            Files.write(IssueFixture.REPOSITORY.resolve("target/campaign-report.png"), driver.getScreenshotAs(OutputType.BYTES));
            assertThat(driver.getTitle()).startsWith("Campaign 1: August Team Update");
            // Nothing was fetched from anywhere: the page and its charts are all in the file.
            assertThat(((Number) driver.executeScript("return performance.getEntriesByType('resource').length")).intValue()).isZero();
            for (WebElement chart : driver.findElements(By.tagName("svg"))) {
                assertThat(chart.getSize().getWidth()).isGreaterThan(300);
                assertThat(chart.getSize().getHeight()).isGreaterThan(100);
            }
            assertThat(driver.findElements(By.cssSelector("svg rect"))).hasSizeGreaterThan(8);
            assertThat(Axe.load().seriousViolations(driver, java.util.Set.of())).as("axe: serious or critical").isEmpty();
            Object lowest = driver.executeScript(LOWEST_CONTRAST);
            assertThat(((Number) ((Map<?, ?>) lowest).get("ratio")).doubleValue()).as("lowest text contrast: " + lowest).isGreaterThanOrEqualTo(4.5);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lowest WCAG 2 contrast ratio (1.4.3) between any visible text, HTML or SVG, and the first
     * opaque background behind it, with the element it belongs to.
     */
    static final String LOWEST_CONTRAST = """
            function rgb(c) { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
            function lum(c) { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                              return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); }
            function background(el) { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.a > 0) return c; }
                                      return {r: 255, g: 255, b: 255, a: 1}; }
            let lowest = {ratio: 21, element: ''};
            for (const el of document.querySelectorAll('body *')) {
              const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
              if (!own || el.getClientRects().length === 0) continue;
              const style = getComputedStyle(el);
              const fg = rgb(el instanceof SVGElement && style.fill && style.fill !== 'none' ? style.fill : style.color);
              const l1 = lum(fg), l2 = lum(background(el));
              const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
              if (ratio < lowest.ratio) lowest = {ratio: ratio, element: el.tagName + ' ' + el.textContent.trim().slice(0, 40)};
            }
            return lowest;
            """;

    static long figure(Document page, String name) {
        return Long.parseLong(page.select("tr#figure-" + name + " td").first().text());
    }

    static long sum(org.jsoup.select.Elements cells) {
        return cells.stream().mapToLong(c -> Long.parseLong(c.text())).sum();
    }

    /** Issue 15: every count adds up. The report said "to 20 people" and showed 18 accepted, with no word of the other 2. */
    @Test
    void theHtmlReportAccountsForEveryoneTheCampaignBeganWithThoseRemovedOrErasedSinceIncluded() {
        ok("privacy", "erase", "p9@example.org", "--yes");
        ok("subscribers", "remove", "p10@example.org", "--yes");
        ok("campaigns", "report", "1", "--html", "report.html");
        Document page = Jsoup.parse(workspace.read("report.html"));
        assertThat(page.select("header").text()).contains("to 20 people");
        assertThat(figure(page, "accepted")).isEqualTo(18);
        assertThat(page.select("p#audience-parts").text())
                .isEqualTo("Of the 20 people: 18 accepted, 2 removed or erased since (their records went with them).");
    }

    @Test
    void compareSetsTheLastCampaignsSideBySideWithATrendPerColumn() {
        try (Store store = storeAt("2024-08-02T10:00:00Z")) {
            store.bounces().record(bounce(store, "p1", BounceKind.HARD_BOUNCE, "5.1.1", "r1"), 3, java.time.Duration.ofDays(30));
            unsubscribe(store, "p5", SelfService.ONE_CLICK);
        }
        // A month later, the autumn issue to the 19 still on the list (p1 suppressed, so skipped).
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Clock september = Clock.offset(Clock.systemUTC(), java.time.Duration.between(Instant.now(), Instant.parse("2024-09-01T09:00:00Z")));
        int code = Main.run(new CommandContext(new PrintWriter(out, true), new PrintWriter(err, true), workspace.root(), september,
                workspace.environment(), Terminal.NONE), "send", "2024-10-autumn-notes", "--list", "news", "--yes");
        assertThat(code).as(out + "" + err).isZero();
        try (Store store = storeAt("2024-09-02T10:00:00Z")) {
            store.bounces().record(new BounceRepository.NewBounce("r9", BounceKind.COMPLAINT, new BounceRepository.Target(
                    store.subscribers().require(EmailAddress.parse("p2@example.org")).id(), "p2@example.org", 2L, store.lists().require("news").id()),
                    "abuse", "", Instant.parse("2024-09-02T10:00:00Z")), 3, java.time.Duration.ofDays(30));
            unsubscribe(store, "p6", SelfService.UNSUBSCRIBE_PAGE);
            unsubscribe(store, "p7", BounceRepository.MAILED_UNSUBSCRIBE);
        }

        List<String> lines = ok("campaigns", "compare").out().lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).containsSubsequence("ID", "ISSUE", "SENT", "RECIPIENTS", "DELIVERED", "BOUNCES", "COMPLAINTS", "UNSUBSCRIBES",
                "CLICKS");
        assertThat(lines.get(1)).containsPattern("1  2024-08-team-update\\s+2024-08-01\\s+20\\s+20\\s+5\\.00 %\\s+0\\.00 %\\s+5\\.00 %\\s+0\\.00 %$");
        assertThat(lines.get(2)).containsPattern("2  2024-10-autumn-notes\\s+2024-09-01\\s+19\\s+18\\s+0\\.00 %\\s+5\\.56 %\\s+11\\.11 %\\s+0\\.00 %$");
        assertThat(lines.get(3)).containsPattern("trend \\(oldest to newest\\)\\s+██\\s+█▇\\s+█▁\\s+▁█\\s+▄█\\s+▁▁$"); // no clicks tracked: flat

        assertThat(ok("campaigns", "compare", "--last", "1").out().lines()).hasSize(3).noneMatch(l -> l.contains("2024-08-team-update"));
        IssueFixture.Run none = workspace.run("campaigns", "compare", "--last", "0");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--last must be between 1 and 60, not 0");
    }

    @Test
    void aReportThatCannotBeWrittenSaysWhyInOneLineAndLeavesTheOldOneWhole() {
        IssueFixture.Run unknown = workspace.run("campaigns", "report", "9", "--html", "report.html");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.errLines()).containsExactly("newsletter: error: no campaign 9; 'newsletter campaigns' lists them");

        IssueFixture.Run nowhere = workspace.run("campaigns", "report", "1", "--html", "missing/report.html");
        assertThat(nowhere.exitCode()).isEqualTo(1);
        assertThat(nowhere.errLines()).hasSize(1);
        assertThat(nowhere.err()).endsWith("cannot write missing/report.html: folder missing does not exist\n");

        workspace.write("report.html", "the old report");
        workspace.write("templates/campaign-report.html.ftlh", "<p>${nothing.here}</p>\n");
        IssueFixture.Run broken = workspace.run("campaigns", "report", "1", "--html", "report.html");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.errLines()).hasSize(1);
        assertThat(broken.err()).contains("campaign-report.html.ftlh:1");
        assertThat(workspace.read("report.html")).isEqualTo("the old report");

        assertThat(workspace.run("campaigns", "report", "1").exitCode()).as("--html is required").isEqualTo(2);

        // The issue's folder gone: the report is still written from the database, without the issue's date.
        try {
            Files.delete(workspace.root().resolve("templates/campaign-report.html.ftlh"));
            Files.move(workspace.root().resolve("newsletters/" + IssueFixture.SEED_ISSUE), dir.resolve("moved-away"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IssueFixture.Run gone = workspace.run("campaigns", "report", "1", "--html", "report.html");
        assertThat(gone.exitCode()).isZero();
        assertThat(gone.err()).isEqualTo("newsletter: the report leaves out the issue's date: newsletters/2024-08-team-update is gone\n");
        assertThat(Jsoup.parse(workspace.read("report.html")).select("header time").eachAttr("datetime")).containsExactly("2024-08-01");
    }

    @Test
    void theComplaintRateIsSetAgainstGmailsTwoThresholds() {
        assertThat(GmailLimits.verdict(0, 1000)).isEqualTo("under Gmail's 0.1 % (never 0.3 %)");
        assertThat(GmailLimits.verdict(1, 1001)).isEqualTo("under Gmail's 0.1 % (never 0.3 %)");
        assertThat(GmailLimits.verdict(1, 1000)).startsWith("above the 0.1 %");
        assertThat(GmailLimits.verdict(3, 1000)).startsWith("at or above Gmail's 0.3 % limit");
    }

    static long one(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
