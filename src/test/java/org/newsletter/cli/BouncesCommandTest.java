package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.EmailAddress;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.Store;
import org.newsletter.testing.BounceSamples;
import org.newsletter.testing.IssueFixture;

/**
 * {@code newsletter bounces fetch} against a real IMAP server (GreenMail) holding one sample of every
 * kind of message a bounce mailbox receives, after a real campaign to the people the samples are about.
 */
class BouncesCommandTest {

    static final List<String> UNDERSTOOD = List.of("postfix-user-unknown.eml", "gmail-over-quota.eml", "exchange-recipient-not-found.eml",
            "exim-report.eml", "exim-legacy-plain.eml", "qmail-plain.eml", "arf-yahoo-abuse.eml", "arf-redacted.eml", "mailto-unsubscribe.eml",
            "postfix-delayed.eml");
    static final List<String> NOT_UNDERSTOOD = List.of("out-of-office.eml", "forged-unsubscribe.eml", "malformed-report.eml",
            "stranger-user-unknown.eml");

    @TempDir
    Path dir;

    IssueFixture workspace;
    GreenMail greenMail;
    GreenMailUser mailbox;
    BounceSamples samples;

    @BeforeEach
    void setUp() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        mailbox = greenMail.setUser("bounces@example.org", "bounces", "imap-secret");
        workspace = IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", BounceSamples.SECRET).env("NEWSLETTER_IMAP_PASSWORD", "imap-secret");
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml") + "bounce_address: bounces@example.org\n"
                + "bounces: {mailbox: 'imap://bounces@127.0.0.1:" + greenMail.getImap().getPort() + "?tls=none&timeout=5s'}\n");
    }

    /** Campaign 1 of the seed issue to everyone the samples are about, and the samples made for it. */
    void sendCampaign() {
        ok("lists", "create", "news", "--name", "Monthly news");
        StringBuilder csv = new StringBuilder("email,name\n");
        BounceSamples.PEOPLE.forEach((name, first) -> csv.append(name).append("@example.org,").append(first).append(" Lee\n"));
        workspace.write("people.csv", csv.toString());
        ok("subscribers", "import", "people.csv", "--list", "news");
        ok("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
        try (Store store = Store.open(DatabaseLocation.sqlite(dir.resolve(".newsletter/newsletter.db")), Clock.systemUTC())) {
            Map<String, Long> ids = new java.util.HashMap<>();
            BounceSamples.PEOPLE.keySet().forEach(name -> ids.put(name, store.subscribers().require(EmailAddress.parse(name + "@example.org")).id()));
            samples = new BounceSamples(ids::get, 1, store.campaigns().find(1).orElseThrow().messageKey(), store.lists().require("news").id());
        }
    }

    @AfterEach
    void tearDown() {
        greenMail.stop();
    }

    IssueFixture.Run ok(String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    void deliver(List<String> names) {
        names.forEach(name -> mailbox.deliver(samples.message(name)));
    }

    int count(String folder) {
        ImapHostManager imap = greenMail.getManagers().getImapHostManager();
        MailFolder found = imap.getFolder(mailbox, folder);
        return found == null ? -1 : found.getMessageCount();
    }

    @Test
    void actsOnEveryKindOfReportMovesWhatItUnderstoodListsTheRestAndChangesNothingTheSecondTime() {
        sendCampaign();
        deliver(UNDERSTOOD);
        deliver(NOT_UNDERSTOOD);
        assertThat(count("Processed")).as("no processed folder yet").isEqualTo(-1);

        IssueFixture.Run run = ok("bounces", "fetch");

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains(
                "Processed 10 from INBOX (moved to Processed):",
                "  hard-bounce 5.1.1 bob@example.org, campaign 1 (by VERP address): suppressed",
                "  soft-bounce 4.2.2 cy@example.org, campaign 1 (by VERP address): 1 of 3 in 30 days before suppressing",
                "  hard-bounce 5.1.10 dee@example.org, campaign 1 (by Message-ID): suppressed",
                "  hard-bounce 5.0.0 hal@example.org, campaign 1 (by VERP address): suppressed",
                "  hard-bounce 5.1.1 gus@example.org, campaign 1 (by Message-ID): suppressed",
                "  hard-bounce 5.1.1 ivy@example.org (by recipient address): suppressed",
                "  complaint abuse eve@example.org, campaign 1 (by VERP address): unsubscribed from news; suppressed",
                "  complaint abuse ann@example.org (by List-Unsubscribe token): unsubscribed from news; suppressed",
                "  unsubscribe fay@example.org (by unsubscribe token): unsubscribed from news",
                "  nothing to do: 'Delayed Mail (still being retried)' from MAILER-DAEMON@mail.example.org (Mail Delivery System): a delay warning",
                "Left 4 in INBOX (not understood; look at them by hand):",
                "  'Automatic reply: August Team Update: Enjoying the fruits of co-production' from Ann Lee <ann@example.org>: not a bounce,"
                        + " complaint or unsubscribe request",
                "  'unsubscribe 2.1.AAAAAAAAAAAAAAAAAAAAAA' from Mallory <mallory@example.net>: an unsubscribe request without a valid token",
                "  'Returned mail: see transcript for details' from MAILER-DAEMON@broken.example.net: cannot be read as MIME: Missing start boundary",
                "  'Undelivered Mail Returned to Sender' from MAILER-DAEMON@mail.example.org (Mail Delivery System): a hard-bounce about nobody on file");
        assertThat(count("INBOX")).isEqualTo(4);
        assertThat(count("Processed")).isEqualTo(10);

        assertThat(ok("campaigns", "show", "1").out()).contains("Came back after delivery (newsletter bounces fetch):")
                .containsPattern("2\\s+hard-bounce 5\\.1\\.1\\n").containsPattern("1\\s+hard-bounce 5\\.1\\.10\\n")
                .containsPattern("1\\s+soft-bounce 4\\.2\\.2\\n").containsPattern("1\\s+complaint abuse\\n");
        assertThat(ok("subscribers", "show", "bob@example.org").out()).contains("hard-bounce");
        assertThat(ok("subscribers", "show", "fay@example.org").out()).contains("unsubscribed").doesNotContain("Suppressed:  hard");
        // A privacy export shows what came back about the person, in the journal row and as the report itself.
        assertThat(ok("privacy", "export", "bob@example.org").out()).contains("\"bounce\" : \"hard-bounce 5.1.1\"")
                .containsPattern("\"bounces\" : \\[ \\{[^]]*\"kind\" : \"HARD_BOUNCE\"[^]]*\"status\" : \"5\\.1\\.1\"");
        String listing = ok("bounces").out();
        assertThat(listing).contains("Recent bounces, complaints and mailed unsubscribes:", "Suppressed addresses, never mailed again:")
                .containsPattern("hard-bounce\\s+5\\.1\\.1\\s+bob@example\\.org\\s+campaign 1\\s+550 5\\.1\\.1 <bob@example.org>")
                .containsPattern("unsubscribe\\s+fay@example\\.org\\s+list news");
        assertThat(listing.lines().filter(l -> l.contains("@example.org")).count()).as("9 reports and 7 suppressions").isEqualTo(16);

        String before = ok("bounces").out() + ok("campaigns", "show", "1").out() + ok("subscribers", "list", "--format", "csv").out();

        IssueFixture.Run again = ok("bounces", "fetch");
        assertThat(again.out()).doesNotContain("Processed").contains("Left 4 in INBOX");
        deliver(List.of("postfix-user-unknown.eml"));
        assertThat(ok("bounces", "fetch").out()).contains("Processed 1 from INBOX", "already recorded: 'Undelivered Mail Returned to Sender'");

        assertThat(ok("bounces").out() + ok("campaigns", "show", "1").out() + ok("subscribers", "list", "--format", "csv").out()).isEqualTo(before);
        assertThat(count("INBOX")).isEqualTo(4);
        assertThat(count("Processed")).isEqualTo(11);
    }

    @Test
    void anEmptyMailboxSaysSo() {
        assertThat(ok("bounces", "fetch").out()).isEqualTo("INBOX: nothing new.\n");
        assertThat(ok("bounces").out()).startsWith("No bounces, complaints or mailed unsubscribes yet");
    }

    @Test
    void anImapsMailboxIsReadOverTlsTrustingASelfSignedCertificateOnlyWhenTold() {
        GreenMail tls = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS));
        tls.start();
        try {
            tls.setUser("bounces@example.org", "bounces", "imap-secret");
            String url = "imaps://bounces@127.0.0.1:" + tls.getImaps().getPort();
            useMailbox(url + "?timeout=5s");
            IssueFixture.Run untrusted = workspace.run("bounces", "fetch");
            assertThat(untrusted.exitCode()).isEqualTo(1);
            assertThat(untrusted.errLines()).singleElement().asString()
                    .startsWith("newsletter: error: cannot use the bounce mailbox " + url + ": the server's certificate was not accepted (")
                    .endsWith("; if it is your own server with a self-signed certificate, add ?trust=127.0.0.1 to 'mailbox' under 'bounces' in newsletter.yaml");

            useMailbox(url + "?trust=127.0.0.1&timeout=5s");
            assertThat(ok("bounces", "fetch").out()).isEqualTo("INBOX: nothing new.\n");
        } finally {
            tls.stop();
        }
    }

    void useMailbox(String url) {
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml").replaceAll("(?m)^bounces:.*$", "bounces: {mailbox: '" + url + "'}"));
    }

    @Test
    void problemsAreOneLineSayingWhatWhereAndWhatToDo() {
        IssueFixture.Run wrongPassword = workspace.env("NEWSLETTER_IMAP_PASSWORD", "wrong").run("bounces", "fetch");
        assertThat(wrongPassword.exitCode()).isEqualTo(1);
        assertThat(wrongPassword.errLines()).singleElement().asString()
                .startsWith("newsletter: error: the IMAP server imap://bounces@127.0.0.1:" + greenMail.getImap().getPort() + " refused the login of bounces")
                .endsWith("; check NEWSLETTER_IMAP_PASSWORD");

        int port = greenMail.getImap().getPort();
        greenMail.stop();
        IssueFixture.Run noServer = workspace.env("NEWSLETTER_IMAP_PASSWORD", "imap-secret").run("bounces", "fetch");
        assertThat(noServer.exitCode()).isEqualTo(1);
        assertThat(noServer.errLines()).singleElement().asString()
                .startsWith("newsletter: error: cannot use the bounce mailbox imap://bounces@127.0.0.1:" + port + ": nothing answers on port " + port
                        + " (Connection refused)")
                .endsWith("; check 'mailbox' under 'bounces' in newsletter.yaml and that the server is running");

        IssueFixture.Run noPassword = workspace.env("NEWSLETTER_IMAP_PASSWORD", "").run("bounces", "fetch");
        assertThat(noPassword.errLines()).containsExactly("newsletter: error: NEWSLETTER_IMAP_PASSWORD is not set: the bounce mailbox imap://bounces@127.0.0.1:"
                + port + " needs the password of bounces");

        IssueFixture.Run badLimit = workspace.run("bounces", "--limit", "0");
        assertThat(badLimit.exitCode()).isEqualTo(2);
        assertThat(badLimit.err()).contains("--limit must be at least 1, not 0");

        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml").replaceAll("(?m)^bounces:.*\\n", ""));
        IssueFixture.Run notConfigured = workspace.run("bounces", "fetch");
        assertThat(notConfigured.exitCode()).isEqualTo(1);
        assertThat(notConfigured.errLines()).containsExactly("newsletter: error: no bounce mailbox in newsletter.yaml: add 'bounces: {mailbox:"
                + " imaps://USER@HOST}' and set NEWSLETTER_IMAP_PASSWORD");
    }
}
