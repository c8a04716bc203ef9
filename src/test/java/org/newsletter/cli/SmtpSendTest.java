package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.FaultySmtpServer;
import org.newsletter.testing.IssueFixture;

/** {@code send} through real SMTP servers: GreenMail for the happy path, a fault-injecting one for the rest. */
class SmtpSendTest {

    static final String ISSUE = IssueFixture.SEED_ISSUE;

    @TempDir
    Path dir;

    IssueFixture workspace;
    GreenMail greenMail;
    FaultySmtpServer faulty;

    @BeforeEach
    void setUp() {
        workspace = IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", "s".repeat(40));
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml")
                + "retry: {attempts: 3, delay: 20ms}\nbounce_address: bounces@example.org\n");
        ok("lists", "create", "news", "--name", "Monthly news");
        for (String who : List.of("ann", "bob", "cy", "dee", "eve", "fay")) {
            ok("subscribers", "add", who + "@example.org", "--name", Character.toUpperCase(who.charAt(0)) + who.substring(1) + " Lee", "--list", "news");
        }
    }

    @AfterEach
    void tearDown() {
        if (greenMail != null) {
            greenMail.stop();
        }
        if (faulty != null) {
            faulty.close();
        }
    }

    IssueFixture.Run ok(String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    @Test
    void everySubscriberGetsOneWellFormedMessageReadBackFromGreenMail() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        workspace.env("NEWSLETTER_TRANSPORT", "smtp://127.0.0.1:" + greenMail.getSmtp().getPort() + "?tls=none&connections=3&timeout=5s");

        IssueFixture.Run run = ok("send", ISSUE, "--list", "news", "--yes");
        assertThat(run.out()).contains("Transport:  smtp://127.0.0.1:").contains("Campaign 1: 6 accepted");

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(6);
        Map<String, MimeMessage> byRecipient = java.util.Arrays.stream(received).collect(Collectors.toMap(
                m -> address(m), Function.identity()));
        assertThat(byRecipient).containsOnlyKeys("ann@example.org", "bob@example.org", "cy@example.org", "dee@example.org", "eve@example.org",
                "fay@example.org");
        MimeMessage ann = byRecipient.get("ann@example.org");
        assertThat(ann.getHeader("To", null)).isEqualTo("Ann Lee <ann@example.org>");
        assertThat(ann.getSubject()).isEqualTo("August Team Update: Enjoying the fruits of co-production");
        assertThat(ann.getHeader("Return-Path", null)).as("VERP envelope sender").matches("<bounces\\+1\\.\\d+\\.[A-Za-z0-9_-]{22}@example\\.org>");
        assertThat(ann.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(ann.getMessageID()).endsWith("@example.org>");
        Multipart parts = (Multipart) ann.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        String unsubscribe = ann.getHeader("List-Unsubscribe", null).replaceAll("\r\n\\s*", " ");
        String url = unsubscribe.substring(1, unsubscribe.indexOf('>'));
        assertThat((String) parts.getBodyPart(0).getContent()).contains(url);
        assertThat((String) parts.getBodyPart(1).getContent()).contains(url);
        assertThat(java.util.Arrays.stream(received).map(m -> messageId(m)).distinct()).hasSize(6);
    }

    @Test
    void serverRefusalsAreRetriedRecordedAndGroupedByReply() {
        faulty = FaultySmtpServer.start();
        faulty.failRecipient("bob@example.org", "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown");
        faulty.failAddress("cy@example.org", FaultySmtpServer.Stage.RCPT, "451 4.7.1 Greylisted, try again later", 1);
        faulty.failAddress("dee@example.org", FaultySmtpServer.Stage.END_OF_DATA, "452 4.2.2 Mailbox full", 99);
        faulty.failAddress("eve@example.org", FaultySmtpServer.Stage.RCPT, "421 4.7.0 Too many connections, closing", 1);
        workspace.env("NEWSLETTER_TRANSPORT", faulty.url("tls=none&connections=2&timeout=2s"));

        IssueFixture.Run run = workspace.run("send", ISSUE, "--list", "news", "--yes");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Campaign 1: 4 accepted, 1 failed-temporary, 1 failed-permanent")
                .contains("'newsletter campaigns retry 1' tries them again");
        assertThat(faulty.received()).extracting(r -> r.recipients().get(0))
                .containsExactlyInAnyOrder("ann@example.org", "cy@example.org", "eve@example.org", "fay@example.org");
        assertThat(ok("campaigns", "show", "1").out())
                .containsPattern("1\\s+failed-temporary\\s+452 4.2.2 Mailbox full")
                .containsPattern("1\\s+failed-permanent\\s+550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown");
        assertThat(ok("subscribers", "show", "bob@example.org").out()).contains("hard-bounce");

        IssueFixture.Run retried = workspace.run("campaigns", "retry", "1", "--yes");
        assertThat(retried.out()).contains("Retrying 1 of campaign 1").contains("1 failed-temporary");
    }

    /**
     * A retry stopped at once (a second Ctrl-C, kill -9) leaves the messages then with the server
     * {@code sending}; the next retry says so, and sends them again, instead of calling them queued.
     */
    @Test
    void aRetryAfterOneThatWasKilledNamesTheMessagesLeftInFlight() throws Exception {
        faulty = FaultySmtpServer.start();
        faulty.failAddress("dee@example.org", FaultySmtpServer.Stage.END_OF_DATA, "452 4.2.2 Mailbox full", 3);
        workspace.env("NEWSLETTER_TRANSPORT", faulty.url("tls=none&connections=1&timeout=2s"));
        workspace.run("send", ISSUE, "--list", "news", "--yes");
        assertThat(ok("campaigns", "show", "1").out()).containsPattern("1\\s+failed-temporary\\s+452 4.2.2 Mailbox full");
        // What a retry killed while dee's message was with the server leaves: the row claimed ("sending") by a sender that is gone.
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".newsletter/newsletter.db"));
                java.sql.Statement update = db.createStatement()) {
            update.executeUpdate("INSERT INTO campaign_sender (id, campaign_id, host, pid, started_at) VALUES (99, 1, 'gone', 1, 0)");
            assertThat(update.executeUpdate("UPDATE delivery SET state = 'sending', sender_id = 99 WHERE state = 'failed-temporary'")).isEqualTo(1);
        }

        IssueFixture.Run retried = workspace.run("campaigns", "retry", "1", "--yes");

        assertThat(retried.out()).contains("Retrying 0 of campaign 1 and the 1 in flight from a run that stopped").doesNotContain("queued from");
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        assertThat(faulty.received()).extracting(r -> r.recipients().get(0)).filteredOn("dee@example.org"::equals).hasSize(1);
        assertThat(ok("campaigns", "show", "1").out()).containsPattern("accepted\\s+6");
    }

    @Test
    void aDroppedConnectionAndAStalledServerAreRetriedOnANewConnection() {
        faulty = FaultySmtpServer.start();
        faulty.dropDuringData(1000);
        workspace.env("NEWSLETTER_TRANSPORT", faulty.url("tls=none&connections=1&timeout=400ms"));
        ok("send", ISSUE, "--list", "news", "--yes");
        assertThat(faulty.received()).hasSize(6);
        assertThat(faulty.connectionsOpened()).isEqualTo(2);

        workspace.run("lists", "create", "more", "--name", "More");
        ok("subscribers", "add", "zed@example.org", "--list", "more");
        faulty.stallOnData(Duration.ofSeconds(5));
        long started = System.nanoTime();
        ok("send", ISSUE, "--list", "more", "--yes");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the stall costs one read timeout, not the stall").isLessThan(Duration.ofSeconds(4));
        assertThat(faulty.received()).extracting(r -> r.recipients().get(0)).contains("zed@example.org");
    }

    @Test
    void aServerThatRefusesTheSenderStopsTheCampaignWithoutFailingAnyone() {
        faulty = FaultySmtpServer.start();
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml").replace("bounce_address: bounces@example.org\n", ""));
        faulty.failAddress("news@example.org", FaultySmtpServer.Stage.MAIL, "553 5.7.1 Sender address rejected: not owned by user", 99);
        workspace.env("NEWSLETTER_TRANSPORT", faulty.url("tls=none&connections=2&timeout=2s"));

        IssueFixture.Run run = workspace.run("send", ISSUE, "--list", "news", "--yes");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("the server refused the sender news@example.org")
                .contains("553 5.7.1").endsWith("6 not yet sent stay queued: run the same send again to resume");
        assertThat(ok("subscribers", "show", "ann@example.org").out()).doesNotContain("hard-bounce");
    }

    @Test
    void aDeadServerStopsTheRunAndLeavesEveryoneQueued() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        workspace.env("NEWSLETTER_TRANSPORT", "smtp://127.0.0.1:" + port + "?tls=none&timeout=1s");
        IssueFixture.Run run = workspace.run("send", ISSUE, "--list", "news", "--yes");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith("newsletter: error: stopped: cannot connect to smtp://127.0.0.1:" + port)
                .contains("refused the connection").endsWith("6 not yet sent stay queued: run the same send again to resume");
        assertThat(ok("campaigns", "show", "1").out()).containsPattern("queued\\s+6");
    }

    static String address(MimeMessage message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
