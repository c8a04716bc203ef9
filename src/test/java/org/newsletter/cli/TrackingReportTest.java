package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.Store;
import org.newsletter.store.TrackingEvent;
import org.newsletter.testing.Axe;
import org.newsletter.testing.HeadlessChromium;
import org.newsletter.testing.IssueFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code campaigns show}, {@code campaigns report --html} and {@code campaigns compare} after a
 * campaign with click tracking and image loads on: clicks (a fixed-seed random number per link, people
 * and machines) recorded as the click redirect records them, and every figure the reports show checked
 * against the database.
 */
class TrackingReportTest {

    @TempDir
    Path dir;

    IssueFixture workspace;

    @BeforeEach
    void sendWithTracking() {
        workspace = IssueFixture.copyOfRepository(dir);
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml") + "tracking: {clicks: aggregate, opens: aggregate}\n");
        ok("lists", "create", "news", "--name", "Monthly news");
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 1; i <= 20; i++) {
            csv.append("p").append(i).append("@example.org,Person ").append(i).append('\n');
        }
        workspace.write("people.csv", csv.toString());
        ok("subscribers", "import", "people.csv", "--list", "news");
        ok("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
        Random random = new Random(21);
        try (Store store = Store.open(DatabaseLocation.sqlite(dir.resolve(".newsletter/newsletter.db")),
                Clock.fixed(Instant.parse("2024-08-02T10:00:00Z"), ZoneOffset.UTC))) {
            int links = store.tracking().links(1).size();
            assertThat(links).isGreaterThan(3);
            List<TrackingEvent> events = new ArrayList<>();
            Instant at = Instant.parse("2024-08-02T10:00:00Z");
            for (int link = 0; link < links; link++) {
                for (int n = random.nextInt(6); n > 0; n--) {
                    events.add(TrackingEvent.click(1, link, 0, false, at));
                }
                for (int n = random.nextInt(3); n > 0; n--) {
                    events.add(TrackingEvent.click(1, link, 0, true, at));
                }
            }
            for (int n = 3 + random.nextInt(8); n > 0; n--) {
                events.add(TrackingEvent.imageLoad(1, n % 4 == 0, at));
            }
            store.tracking().record(events);
        }
    }

    IssueFixture.Run ok(String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    @Test
    void showReportAndCompareTellTheNumbersTheDatabaseHolds() throws Exception {
        String shown = ok("campaigns", "show", "1").out();
        ok("campaigns", "report", "1", "--html", "report.html");
        Document page = Jsoup.parse(Files.readString(dir.resolve("report.html")));
        String compared = ok("campaigns", "compare").out();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".newsletter/newsletter.db"));
                Statement sql = db.createStatement()) {
            long accepted = CampaignOutcomeTest.one(sql, "SELECT COUNT(*) FROM delivery WHERE campaign_id = 1 AND state = 'accepted'");
            long human = CampaignOutcomeTest.one(sql, "SELECT SUM(human) FROM campaign_link WHERE campaign_id = 1");
            long automated = CampaignOutcomeTest.one(sql, "SELECT SUM(automated) FROM campaign_link WHERE campaign_id = 1");
            long links = CampaignOutcomeTest.one(sql, "SELECT COUNT(*) FROM campaign_link WHERE campaign_id = 1");
            assertThat(human).isPositive();
            assertThat(automated).isPositive();
            for (int i = 0; i < links; i++) {
                String url = text(sql, "SELECT url FROM campaign_link WHERE campaign_id = 1 AND link_index = " + i);
                long h = CampaignOutcomeTest.one(sql, "SELECT human FROM campaign_link WHERE campaign_id = 1 AND link_index = " + i);
                long a = CampaignOutcomeTest.one(sql, "SELECT automated FROM campaign_link WHERE campaign_id = 1 AND link_index = " + i);
                // campaigns show: "  #  HUMAN  AUTOMATED  LINK"
                assertThat(shown).containsPattern("(?m)^\\s+" + (i + 1) + "\\s+" + h + "\\s+" + a + "\\s+" + Pattern.quote(url) + "$");
                // The report's table, row by row.
                Element row = page.selectFirst("tr#link-" + (i + 1));
                assertThat(row).as("row of link " + (i + 1)).isNotNull();
                assertThat(row.select("td").eachText()).containsExactly(String.valueOf(i + 1), url, String.valueOf(h), String.valueOf(a));
            }
            assertThat(shown).containsPattern("human clicks\\s+" + human + " ").containsPattern("automated clicks\\s+" + automated + " ");
            assertThat(page.select("section[aria-labelledby=clicks-heading] svg g")).hasSize((int) links);
            assertThat(page.selectFirst("#figure-clicks").text()).startsWith(human + " clicks by people")
                    .contains(percent(human, accepted) + " %").contains("and " + automated + " by machines");

            long loads = CampaignOutcomeTest.one(sql, "SELECT human FROM campaign_image_load WHERE campaign_id = 1");
            long machineLoads = CampaignOutcomeTest.one(sql, "SELECT automated FROM campaign_image_load WHERE campaign_id = 1");
            assertThat(shown).containsPattern("image loads\\s+" + loads + " ").containsPattern("automated loads\\s+" + machineLoads + " ")
                    .contains("Apple Mail Privacy Protection");
            assertThat(page.selectFirst("#figure-image-loads").text()).startsWith(loads + " loads").contains("and " + machineLoads + " by machines");

            // compare: the CLICKS column is people's clicks per accepted message.
            List<String> lines = compared.lines().toList();
            assertThat(lines.get(0)).endsWith("CLICKS");
            Matcher last = Pattern.compile("([0-9.]+ %)\\s*$").matcher(lines.get(1));
            assertThat(last.find()).isTrue();
            assertThat(last.group(1)).isEqualTo(percent(human, accepted) + " %");
        }

        HeadlessChromium.require();
        try (HeadlessChromium chromium = HeadlessChromium.start(dir, IssueFixture.REPOSITORY.resolve("target/chromedriver-tracking-report.log"),
                List.of(), Map.of())) {
            ChromeDriver driver = chromium.driver();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(820, 2200));
            driver.get(dir.resolve("report.html").toUri().toString());
            Files.write(IssueFixture.REPOSITORY.resolve("target/campaign-report-clicks.png"), driver.getScreenshotAs(OutputType.BYTES));
            assertThat(((Number) driver.executeScript("return performance.getEntriesByType('resource').length")).intValue()).isZero();
            WebElement clicks = driver.findElement(By.cssSelector("section[aria-labelledby=clicks-heading] svg"));
            assertThat(clicks.getSize().getWidth()).isGreaterThan(300);
            assertThat(Axe.load().seriousViolations(driver, java.util.Set.of())).as("axe: serious or critical").isEmpty();
            Object lowest = driver.executeScript(CampaignOutcomeTest.LOWEST_CONTRAST);
            assertThat(((Number) ((Map<?, ?>) lowest).get("ratio")).doubleValue()).as("lowest text contrast: " + lowest).isGreaterThanOrEqualTo(4.5);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void withTrackingOffTheReportsSayNothingAboutClicks() {
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml").replace("tracking: {clicks: aggregate, opens: aggregate}\n", ""));
        ok("send", "2024-10-autumn-notes", "--list", "news", "--yes");
        String shown = ok("campaigns", "show", "2").out();
        assertThat(shown).doesNotContain("Clicks per link").doesNotContain("Image loads");
        ok("campaigns", "report", "2", "--html", "report2.html");
        assertThat(workspace.read("report2.html")).doesNotContain("clicks-heading").doesNotContain("images-heading");
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.2f", 100.0 * part / whole);
    }

    private static String text(Statement sql, String query) throws SQLException {
        try (var rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
