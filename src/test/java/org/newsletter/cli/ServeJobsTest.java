package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.EmailAddress;
import org.newsletter.send.AutomaticRetries;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.Store;
import org.newsletter.testing.BounceSamples;
import org.newsletter.testing.FaultySmtpServer;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.MutableClock;
import org.newsletter.testing.StopButton;

/**
 * {@code serve}'s background jobs end to end, the command run in-process with a clock the test moves: the
 * bounce watch reads a real IMAP mailbox (GreenMail) and records what came back, or reports a refused login on
 * /healthz while the other jobs go on; the retry job sends again, once their backoff has passed on that clock,
 * to recipients a real SMTP server answered 451, each getting the issue exactly once.
 */
class ServeJobsTest {

    static final String IMAP_PASSWORD = "imap-secret";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2024-08-01T09:00:00Z"));
    final StopButton stopButton = new StopButton();
    IssueFixture workspace;
    IssueFixture.Started serve;
    GreenMail greenMail;

    @AfterEach
    void stopServe() throws Exception {
        try {
            if (serve != null) {
                assertThat(stopButton.press()).as("serve was still running").isTrue();
                IssueFixture.Run run = serve.done().get(60, TimeUnit.SECONDS);
                assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
                assertThat(run.out()).contains("Stopped: what was in flight is recorded");
            }
        } finally {
            if (greenMail != null) {
                greenMail.stop();
            }
        }
    }

    /** Starts {@code serve --port 0} on a thread and returns its origin once it listens. */
    String startServe() throws InterruptedException {
        serve = workspace.signals(stopButton).start("serve", "--port", "0");
        serve.awaitOutput("Ctrl-C stops.", Duration.ofSeconds(60));
        Matcher origin = ServeWorkTest.ORIGIN.matcher(serve.out());
        assertThat(origin.find()).as(serve.out()).isTrue();
        return origin.group(1);
    }

    /** Asks /healthz until its answer satisfies {@code wanted}; fails with the last answer after 30 s. */
    static String awaitHealth(String origin, Predicate<String> wanted, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = ServeWorkTest.healthz(origin);
        while (!wanted.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/healthz never showed " + what + "; it last said:\n" + last);
            }
            Thread.sleep(50);
            last = ServeWorkTest.healthz(origin);
        }
        return last;
    }

    /** What serve printed on stderr apart from its request log. */
    java.util.List<String> problems() {
        return serve.err().lines().filter(line -> !line.matches("GET /healthz 200 \\d+ms")).toList();
    }

    IssueFixture.Run ok(String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    // ---- the bounce watch -------------------------------------------------------------------------------

    /** A workspace whose newsletter.yaml has serve watch a real IMAP mailbox, with the samples' people on "news". */
    void watchedMailbox(String password) {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        greenMail.setUser("bounces@example.org", "bounces", IMAP_PASSWORD);
        workspace = IssueFixture.copyOfRepository(dir).clock(clock).env("NEWSLETTER_SECRET", BounceSamples.SECRET)
                .env("NEWSLETTER_IMAP_PASSWORD", password);
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml") + "bounce_address: bounces@example.org\n"
                + "bounces: {mailbox: 'imap://bounces@127.0.0.1:" + greenMail.getImap().getPort() + "?tls=none&timeout=5s', watch: true}\n");
        ok("lists", "create", "news", "--name", "Monthly news");
        StringBuilder csv = new StringBuilder("email,name\n");
        BounceSamples.PEOPLE.forEach((name, first) -> csv.append(name).append("@example.org,").append(first).append(" Lee\n"));
        workspace.write("people.csv", csv.toString());
        ok("subscribers", "import", "people.csv", "--list", "news");
    }

    /** Campaign 1 of the seed issue to the samples' people, and the samples made for it. */
    BounceSamples sendCampaign() {
        ok("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
        try (Store store = Store.open(DatabaseLocation.sqlite(dir.resolve(".newsletter/newsletter.db")), Clock.systemUTC())) {
            Map<String, Long> ids = new HashMap<>();
            BounceSamples.PEOPLE.keySet().forEach(name -> ids.put(name, store.subscribers().require(EmailAddress.parse(name + "@example.org")).id()));
            return new BounceSamples(ids::get, 1, store.campaigns().find(1).orElseThrow().messageKey(), store.lists().require("news").id());
        }
    }

    int messagesIn(String folder) {
        GreenMailUser user = greenMail.getUserManager().getUser("bounces");
        ImapHostManager imap = greenMail.getManagers().getImapHostManager();
        MailFolder found = imap.getFolder(user, folder);
        return found == null ? -1 : found.getMessageCount();
    }

    @Test
    void withWatchOnServeRecordsADeliveryReportFromTheMailboxAndReportsTheWatchOnHealthz() throws Exception {
        watchedMailbox(IMAP_PASSWORD);
        BounceSamples samples = sendCampaign();
        greenMail.getUserManager().getUser("bounces").deliver(samples.message("postfix-user-unknown.eml"));
        assertThat(ok("subscribers", "show", "bob@example.org").out()).doesNotContain("hard-bounce");

        String origin = startServe();
        assertThat(serve.out()).contains("and watching the bounce mailbox");
        String health = awaitHealth(origin, h -> h.contains("since serve started)"), "a finished pass of the bounce watch");

        assertThat(health).startsWith("ok\n").containsPattern("(?m)^bounces: ok, last pass 2024-08-01 \\S+ \\S+, [01] processed \\(1 since serve started\\)$")
                .containsPattern("(?m)^scheduler: ok").containsPattern("(?m)^retries: ok").containsPattern("(?m)^welcome: ok");
        assertThat(ok("subscribers", "show", "bob@example.org").out()).contains("hard-bounce");
        assertThat(ok("campaigns", "show", "1").out()).containsPattern("1\\s+hard-bounce 5\\.1\\.1\\n");
        assertThat(ok("bounces").out()).containsPattern("hard-bounce\\s+5\\.1\\.1\\s+bob@example\\.org\\s+campaign 1");
        assertThat(messagesIn("INBOX")).isZero();
        assertThat(messagesIn("Processed")).isEqualTo(1);
        assertThat(problems()).isEmpty();
    }

    @Test
    void aBouncemailboxThatRefusesTheLoginIsTheBounceJobsErrorOnHealthzAndTheOtherJobsGoOn() throws Exception {
        watchedMailbox("wrong");
        // A campaign for an hour from now, which the scheduler must still send once the watch has failed.
        ok("send", IssueFixture.SEED_ISSUE, "--list", "news", "--at", "2024-08-01T10:00:00Z", "--yes");

        String origin = startServe();
        String health = awaitHealth(origin, h -> h.contains("bounces: failing"), "the bounce watch failing");
        int port = greenMail.getImap().getPort();
        assertThat(health).startsWith("problems\n").contains("database: ok\n")
                .containsPattern("(?m)^bounces: failing, stopped: the IMAP server imap://bounces@127\\.0\\.0\\.1:" + port
                        + " refused the login of bounces.*check NEWSLETTER_IMAP_PASSWORD$")
                .containsPattern("(?m)^scheduler: ok").containsPattern("(?m)^retries: ok").containsPattern("(?m)^welcome: ok");
        assertThat(serve.err()).contains("newsletter: serve: bounces: the IMAP server imap://bounces@127.0.0.1:" + port + " refused the login")
                .contains("the bounce watch has stopped");

        clock.advance(Duration.ofHours(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!serve.out().contains("scheduler: campaign 1: ") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(serve.out()).as("the scheduler sent the due campaign").contains("scheduler: started campaign 1")
                .containsPattern("scheduler: campaign 1: .*" + BounceSamples.PEOPLE.size() + " accepted");
        assertThat(ServeWorkTest.healthz(origin)).startsWith("problems\n").contains("bounces: failing").containsPattern("(?m)^scheduler: ok");
    }

    // ---- automatic retries ----------------------------------------------------------------------------------

    @Test
    void theRetryJobSendsToTemporaryFailuresOnceTheirBackoffHasPassedAndToEachRecipientOnce() throws Exception {
        ChildSend audience = ChildSend.withAudience(dir, ServeWorkTest.SECRET, 10);
        workspace = audience.workspace.clock(clock);
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml") + "retry: {attempts: 1, delay: 1s}\n");
        // A DNS server that never answers: send's doctor line gives up after its one quick question instead of asking the world.
        try (FaultySmtpServer server = FaultySmtpServer.start(); DatagramSocket silentDns = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            workspace.env("NEWSLETTER_DNS", "127.0.0.1:" + silentDns.getLocalPort());
            for (String who : new String[] {"p1@example.org", "p4@example.org", "p7@example.org"}) {
                server.failAddress(who, FaultySmtpServer.Stage.END_OF_DATA, "451 4.3.0 try again later", 1);
            }
            workspace.env("NEWSLETTER_TRANSPORT", server.url("tls=none&connections=2&timeout=10s"));
            IssueFixture.Run sent = workspace.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
            assertThat(sent.out()).contains("7 accepted, 3 failed-temporary");
            assertThat(audience.emailsInState("failed-temporary")).containsExactlyInAnyOrder("p1@example.org", "p4@example.org", "p7@example.org");
            assertThat(server.received()).hasSize(7);

            clock.advance(AutomaticRetries.BACKOFF.minusMinutes(20));
            String origin = startServe();
            awaitHealth(origin, h -> h.contains("retries: ok, last ran"), "a finished pass of the retry job");
            assertThat(server.received()).as("not before the backoff has passed").hasSize(7);
            assertThat(audience.emailsInState("failed-temporary")).hasSize(3);

            clock.advance(Duration.ofMinutes(21));
            ServeWorkTest.awaitReceived(server, 10, Duration.ofSeconds(30), serve.out() + serve.err());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (audience.emailsInState("accepted").size() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(audience.emailsInState("accepted")).hasSize(10);
            assertThat(audience.emailsInState("failed-temporary")).isEmpty();
            assertThat(serve.out()).contains("retries: going on with campaign 1");
            assertThat(problems()).isEmpty();
            assertThat(awaitHealth(origin, h -> h.contains("retries: ok, last ran"), "the retry job well")).startsWith("ok\n");

            clock.advance(AutomaticRetries.BACKOFF.multipliedBy(2));
            awaitHealth(origin, h -> h.contains("retries: ok, last ran 2024-08-01 10:"), "a retry pass after the clock moved again");
            ServeWorkTest.assertEveryoneGotExactlyOne(server, 10);
        }
    }
}
