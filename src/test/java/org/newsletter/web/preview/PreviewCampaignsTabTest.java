package org.newsletter.web.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * The preview's Campaigns tab over HTTP, against a real server on a free port and the workspace's real
 * SQLite database: an empty state that creates no database, the campaigns listed with what the journal
 * holds, and each one's report the very page {@code campaigns report ID --html} writes.
 */
class PreviewCampaignsTabTest {

    @TempDir
    Path dir;

    private RunningPreview preview;

    @BeforeEach
    void start() throws IOException {
        preview = RunningPreview.start(dir);
    }

    @AfterEach
    void stop() throws IOException {
        preview.close();
        assertThat(preview.failures()).as("server failures").isEmpty();
    }

    Path database() {
        return dir.resolve(".newsletter/newsletter.db");
    }

    void ok(String... args) {
        IssueFixture.Run run = preview.workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
    }

    /** One number from the workspace's database, asked directly rather than through the code under test. */
    long count(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database()); ResultSet rs = db.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    static String figure(String page, String name) {
        Matcher m = Pattern.compile("<tr id=\"figure-" + name + "\"><th scope=\"row\">[^<]+</th><td class=\"n\">(\\d+)</td><td class=\"n\">([0-9.]+) %")
                .matcher(page);
        assertThat(m.find()).as("figure %s in the report", name).isTrue();
        return m.group(1) + " " + m.group(2);
    }

    @Test
    void withoutADatabaseTheTabSaysThereAreNoCampaignsAndCreatesNone() {
        HttpResponse<String> tab = preview.get("/tab/campaigns");
        assertThat(tab.statusCode()).isEqualTo(200);
        assertThat(tab.body()).contains("No campaigns yet: there is no database at jdbc:sqlite:" + database())
                .contains("newsletter send ISSUE --list LIST").doesNotContain("<table");
        assertThat(preview.get("/campaigns/1").statusCode()).isEqualTo(404);
        assertThat(preview.get("/campaigns/1/report").statusCode()).isEqualTo(404);
        assertThat(database()).as("the tab only reads").doesNotExist();

        ok("lists", "create", "news", "--name", "Monthly news");
        assertThat(preview.get("/tab/campaigns").body()).contains("No campaigns yet in jdbc:sqlite:" + database()).doesNotContain("<table");
    }

    @Test
    void listsTheSentCampaignWithTheJournalsFiguresAndShowsTheReportTheCommandWrites() throws Exception {
        ok("lists", "create", "news", "--name", "Monthly news");
        for (String who : new String[] {"ann", "bob", "cy"}) {
            ok("subscribers", "add", who + "@example.org", "--list", "news");
        }
        ok("send", RunningPreview.ISSUE, "--list", "news", "--yes");
        ok("subscribers", "add", "dee@example.org", "--list", "news");
        ok("subscribers", "remove", "cy@example.org", "--yes");
        ok("campaigns", "report", "1", "--html", "report.html");
        long accepted = count("SELECT COUNT(*) FROM delivery WHERE campaign_id = 1 AND state = 'accepted'");
        long audience = count("SELECT audience FROM campaign WHERE id = 1");
        assertThat(accepted).isEqualTo(2);
        assertThat(audience).isEqualTo(3);

        HttpResponse<String> tab = preview.get("/tab/campaigns");
        assertThat(tab.statusCode()).isEqualTo(200);
        Matcher row = Pattern.compile("<tr id=\"campaign-1\">(.*?)</tr>", Pattern.DOTALL).matcher(tab.body());
        assertThat(row.find()).as(tab.body()).isTrue();
        assertThat(row.group(1)).contains("<a data-fragment href=\"/campaigns/1\">1: " + RunningPreview.ISSUE + "</a>")
                .contains("August Team Update: Enjoying the fruits of co-production").contains("<td>news</td>").contains("finished")
                .containsPattern("<td class=\"n\">" + audience + "</td><td class=\"n\">" + accepted + "</td><td class=\"n\">0</td>\\s*"
                        + "<td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">1</td>"); // skipped, queued, removed: they add up

        HttpResponse<String> chosen = preview.get("/campaigns/1?scheme=light&v=3");
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(chosen.body()).contains("<a data-fragment href=\"/tab/campaigns\">← All campaigns</a>")
                .contains("src=\"/campaigns/1/report\"").contains("title=\"Report of campaign 1\"");

        HttpResponse<String> report = preview.get("/campaigns/1/report");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Security-Policy")).get().asString().startsWith("sandbox ").doesNotContain("allow-scripts");
        assertThat(report.body()).as("the page the command wrote, from the same database").isEqualTo(Files.readString(dir.resolve("report.html")));
        assertThat(figure(report.body(), "accepted")).isEqualTo(accepted + " 100.00");
        assertThat(figure(report.body(), "failed")).isEqualTo("0 0.00");
        assertThat(report.body()).contains("to " + audience + " people");

        assertThat(preview.get("/campaigns/2").statusCode()).isEqualTo(404);
        assertThat(preview.get("/campaigns/2/report").statusCode()).isEqualTo(404);

        // The workspace's own report template, with a mistake: the tab names its file and line instead of failing.
        preview.workspace.write("templates/campaign-report.html.ftlh", "<p>\n${nothing.here}</p>\n");
        HttpResponse<String> broken = preview.get("/campaigns/1/report");
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("templates/campaign-report.html.ftlh:2:3: error: template error");
    }
}
