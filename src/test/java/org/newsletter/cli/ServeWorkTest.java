package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.ExternalTools;
import org.newsletter.testing.FaultySmtpServer;
import org.newsletter.testing.IssueFixture;

/**
 * {@code serve} as the one process to deploy: it sends a scheduled campaign when it is due, exactly once
 * with two of them on one database, reports its jobs on /healthz, and on SIGTERM lets the messages with
 * the server finish, records them and exits 0, so a restart sends nobody the issue twice. Real child JVMs,
 * real signals, a real SMTP server.
 */
class ServeWorkTest {

    static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    static final Pattern ORIGIN = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)/");

    @TempDir
    Path dir;

    ChildSend send;
    final List<Process> children = new ArrayList<>();

    @BeforeEach
    void audience() {
        send = ChildSend.withAudience(dir, SECRET, 40);
        send.workspace.clock(Clock.systemUTC());
    }

    @AfterEach
    void endChildren() {
        children.forEach(Process::destroyForcibly);
    }

    /** Schedules the seed issue an hour ahead (so the checks have time), then moves it to a few seconds from now. */
    void scheduleSoon(String transport) {
        send.workspace.env("NEWSLETTER_TRANSPORT", transport);
        String later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).truncatedTo(ChronoUnit.SECONDS).toString();
        IssueFixture.Run scheduled = send.workspace.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--at", later, "--yes");
        assertThat(scheduled.exitCode()).as(scheduled.err()).isZero();
    }

    void moveToSoon() {
        String soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).toString();
        IssueFixture.Run moved = send.workspace.run("campaigns", "reschedule", "1", "--at", soon);
        assertThat(moved.exitCode()).as(moved.err()).isZero();
    }

    Process serve(String transport, String log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.newsletter.cli.Main", "serve", "--port", "0");
        ProcessBuilder builder = ExternalTools.cleanEnvironment(new ProcessBuilder(command)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().put("NEWSLETTER_TRANSPORT", transport);
        builder.environment().put("NEWSLETTER_SECRET", SECRET);
        Process child = builder.start();
        children.add(child);
        return child;
    }

    String log(String name) throws IOException {
        Path log = dir.resolve(name);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    String origin(Process child, String log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = ORIGIN.matcher(log(log));
            if (m.find()) {
                return m.group(1);
            }
            assertThat(child.isAlive()).as(log(log)).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start:\n" + log(log));
    }

    static void awaitReceived(FaultySmtpServer server, int count, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (server.received().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server received " + server.received().size() + " of " + count + ":\n" + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until a serve process says campaign 1's run is over ("scheduler: campaign 1: 40 accepted"): every
     * message that run sends has gone by then, so counting them needs no wait for one that might still come.
     */
    void awaitRunFinished(String... logs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            StringBuilder all = new StringBuilder();
            for (String name : logs) {
                all.append(log(name));
            }
            if (Pattern.compile("(?m)^scheduler: campaign 1: ").matcher(all).find()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no serve process said campaign 1's run was over:\n" + all);
            }
            Thread.sleep(20);
        }
    }

    /** The scheduled sends not yet started, as {@code campaigns} lists them (none: the line is missing). */
    String stillScheduled() {
        IssueFixture.Run campaigns = send.workspace.run("campaigns");
        assertThat(campaigns.exitCode()).as(campaigns.err()).isZero();
        return campaigns.out().contains("Scheduled (") ? campaigns.out() : "";
    }

    static String healthz(String origin) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(origin + "/healthz"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    static void assertEveryoneGotExactlyOne(FaultySmtpServer server, int people) {
        Map<String, List<String>> idsByRecipient = ChildSend.messageIdsByRecipient(server);
        assertThat(idsByRecipient).hasSize(people);
        assertThat(idsByRecipient.entrySet()).as("nobody got it twice").allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).hasSize(1));
    }

    @Test
    void twoServeProcessesOnOneDatabaseSendADueCampaignOnceAndReportTheirJobsOnHealthz() throws Exception {
        try (FaultySmtpServer server = FaultySmtpServer.start().answerDataAfter(Duration.ofMillis(20))) {
            String transport = server.url("tls=none&connections=2&timeout=20s");
            scheduleSoon(transport);
            Process a = serve(transport, "a.log");
            Process b = serve(transport, "b.log");
            String originA = origin(a, "a.log");
            String originB = origin(b, "b.log");
            assertThat(server.received()).isEmpty();
            moveToSoon();
            awaitReceived(server, 40, Duration.ofSeconds(60), log("a.log") + log("b.log"));
            awaitRunFinished("a.log", "b.log");
            assertThat(stillScheduled()).as("nothing left that a later pass could start again").isEmpty();

            String health = healthz(originA);
            assertThat(health).startsWith("ok\n").contains("database: ok").containsPattern("scheduler: ok, last ran \\d{4}-")
                    .containsPattern("retries: ok").doesNotContain("bounces");
            assertThat(healthz(originB)).startsWith("ok\n").contains("scheduler: ok");

            a.destroy();
            b.destroy();
            assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String both = log("a.log") + log("b.log");
            assertThat(a.exitValue()).as(both).isZero();
            assertThat(b.exitValue()).as(both).isZero();
            assertThat(both.split("scheduler: started campaign 1", -1)).as(both).hasSize(2);
            // Both have exited, having finished what was with the server: all they sent is all they ever will.
            assertEveryoneGotExactlyOne(server, 40);
            assertThat(send.emailsInState("accepted")).hasSize(40);
        }
    }

    @Test
    void sigtermInTheMiddleOfAScheduledCampaignRecordsWhatWasInFlightExitsZeroAndARestartSendsTheRestToNobodyTwice() throws Exception {
        try (FaultySmtpServer server = FaultySmtpServer.start().answerDataAfter(Duration.ofMillis(150))) {
            String transport = server.url("tls=none&connections=2&timeout=20s");
            scheduleSoon(transport);
            Process first = serve(transport, "first.log");
            origin(first, "first.log");
            moveToSoon();
            awaitReceived(server, 10, Duration.ofSeconds(60), log("first.log"));
            first.destroy(); // SIGTERM
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).as(log("first.log")).isTrue();
            String output = log("first.log");
            assertThat(first.exitValue()).as(output).isZero();
            assertThat(output).contains("SIGTERM: stopping").contains("Stopped: what was in flight is recorded");
            int sentBefore = server.received().size();
            assertThat(sentBefore).as("it stopped part-way").isBetween(10, 39);
            assertThat(send.emailsInState("sending")).as("nothing left in doubt").isEmpty();
            assertThat(send.emailsInState("accepted")).hasSize(sentBefore);

            Process second = serve(transport, "second.log");
            origin(second, "second.log");
            awaitReceived(server, 40, Duration.ofSeconds(60), log("second.log"));
            awaitRunFinished("second.log");
            assertThat(stillScheduled()).isEmpty();
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(log("second.log")).isZero();
            assertThat(log("second.log")).contains("scheduler: going on with campaign 1");
            assertEveryoneGotExactlyOne(server, 40);
        }
    }
}
