package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.StoreFailures;
import org.newsletter.testing.ExternalTools;
import org.newsletter.testing.IssueFixture;

/**
 * Issue 16, item 17: database failures during a send are one line saying what happened and what to do,
 * with no SQL and no bound values; the driver's own words only with --verbose.
 */
class StoreFailureMessagesTest {

    static final String SECRET = "k".repeat(40);

    @TempDir
    Path dir;

    IssueFixture fixture;
    Path db;

    @BeforeEach
    void audience() {
        fixture = IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", SECRET);
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("p").append(i).append("@example.org,Person ").append(i).append('\n');
        }
        fixture.write("people.csv", csv.toString());
        assertThat(fixture.run("lists", "create", "news", "--name", "News").exitCode()).isZero();
        assertThat(fixture.run("subscribers", "import", "people.csv", "--list", "news").exitCode()).isZero();
        db = dir.resolve(".newsletter/newsletter.db");
    }

    @Test
    void aFullDiskDuringSendIsOneLineSayingToFreeSpaceAndResume() throws Exception {
        long pages;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA page_count")) {
            pages = rs.getLong(1);
        }
        // SQLite's own SQLITE_FULL, as on a full disk: the database may grow by only a few pages, less than 2,000 journal rows need.
        String full = "jdbc:sqlite:" + db.toAbsolutePath() + "?max_page_count=" + (pages + 4);

        IssueFixture.Run send = fixture.env(DatabaseLocation.URL_VARIABLE, full).run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
        assertThat(send.exitCode()).isEqualTo(1);
        assertThat(send.errLines()).containsExactly("newsletter: error: " + StoreFailures.DISK_FULL);
        assertThat(send.err()).doesNotContain("SQLITE").doesNotContain("INSERT").doesNotContain("example.org");

        IssueFixture.Run verbose = fixture.run("--verbose", "send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
        assertThat(verbose.err()).contains(StoreFailures.DISK_FULL).contains("SQLITE_FULL");

        IssueFixture.Run resumed = fixture.env(DatabaseLocation.URL_VARIABLE, "jdbc:sqlite:" + db.toAbsolutePath())
                .run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("2,000 accepted");
    }

    @Test
    void twoSendsOfANewCampaignAtOnceLetOneStartAndTellTheOtherToRunAgain() throws Exception {
        List<Process> sends = new ArrayList<>();
        // Both plan while another process holds the write lock, so neither can start before the other has planned.
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + db); Statement statement = holder.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            for (int i = 0; i < 2; i++) {
                sends.add(childSend(dir.resolve("send" + i + ".log")));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(log(0).contains("Rate:") && log(1).contains("Rate:")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(log(0) + log(1)).as("both planned").contains("Rate:");
            statement.execute("ROLLBACK");
        }
        for (Process send : sends) {
            assertThat(send.waitFor(90, TimeUnit.SECONDS)).isTrue();
        }
        List<Integer> codes = sends.stream().map(Process::exitValue).sorted().toList();
        assertThat(codes).containsExactly(0, 1);
        String loser = log(sends.get(0).exitValue() == 1 ? 0 : 1);
        assertThat(loser.lines().filter(l -> l.startsWith("newsletter:")).toList()).containsExactly("newsletter: error: a campaign for "
                + IssueFixture.SEED_ISSUE + " on news is already being started by another process; run send again to resume");
        assertThat(loser).doesNotContain("SQLITE").doesNotContain("INSERT");

        IssueFixture.Run again = fixture.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("is finished: nothing left to send");
    }

    @Test
    void aSegmentOfAThousandTermsIsTooComplexInOneLine() {
        String segment = IntStream.range(0, 1000).mapToObj(i -> "tag:t" + i).collect(Collectors.joining(" or "));

        IssueFixture.Run send = fixture.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes", "--segment", segment);
        assertThat(send.exitCode()).isEqualTo(1);
        assertThat(send.errLines()).containsExactly("newsletter: error: " + StoreFailures.SEGMENT_TOO_COMPLEX);
        assertThat(fixture.run("campaigns").out()).doesNotContain(IssueFixture.SEED_ISSUE);

        IssueFixture.Run list = fixture.run("subscribers", "list", "--segment", segment);
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.errLines()).containsExactly("newsletter: error: " + StoreFailures.SEGMENT_TOO_COMPLEX);
    }

    private Process childSend(Path log) throws java.io.IOException {
        ProcessBuilder builder = ExternalTools.cleanEnvironment(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), "org.newsletter.cli.Main", "send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("NEWSLETTER_TRANSPORT", "outbox");
        builder.environment().put("NEWSLETTER_SECRET", SECRET);
        return builder.start();
    }

    private String log(int i) throws java.io.IOException {
        Path file = dir.resolve("send" + i + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
