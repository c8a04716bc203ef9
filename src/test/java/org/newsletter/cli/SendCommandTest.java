package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.store.DatabaseBusyException;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.StoreBackend;
import org.newsletter.testing.Dkimpy;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.ScriptedTerminal;

/** {@code newsletter send} and {@code campaigns} through the real command line, into the outbox. */
class SendCommandTest {

    static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    static final String ISSUE = IssueFixture.SEED_ISSUE;

    @TempDir
    Path dir;

    IssueFixture workspace;

    @BeforeEach
    void setUp() {
        workspace = IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", SECRET);
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml") + "retry: {attempts: 2, delay: 10ms}\n");
        ok("lists", "create", "news", "--name", "Monthly news");
        ok("subscribers", "add", "ann@example.org", "--name", "Ann Ó'Brien", "--list", "news", "--tag", "cuppa");
        ok("subscribers", "add", "bob@example.org", "--list", "news");
        ok("subscribers", "add", "cy@example.org", "--list", "news");
        ok("subscribers", "unsubscribe", "cy@example.org", "--list", "news");
    }

    IssueFixture.Run ok(String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
        return run;
    }

    List<Path> outbox(String folder) throws IOException {
        Path path = dir.resolve(".newsletter/outbox").resolve(folder);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
    }

    static MimeMessage parse(Path eml) throws Exception {
        try (InputStream in = Files.newInputStream(eml)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    @Test
    void sendsOneMessageToEachSubscriberWithTheirOwnSignedLinksAndResumingSendsNothingAgain() throws Exception {
        IssueFixture.Run run = ok("send", ISSUE, "--list", "news", "--yes");
        assertThat(run.out()).contains("Recipients: 2").contains("Campaign 1: 2 accepted");

        List<Path> files = outbox("1-" + ISSUE);
        assertThat(files).hasSize(2);
        SubscriberTokens tokens = new SubscriberTokens(SECRET);
        for (Path file : files) {
            MimeMessage message = parse(file);
            String to = ((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress();
            assertThat(to).isIn("ann@example.org", "bob@example.org");
            assertThat(message.getHeader("List-Id", null)).endsWith("<news.example.org>");
            String unsubscribe = MimeUtility.unfold(message.getHeader("List-Unsubscribe", null));
            Matcher token = Pattern.compile("<https://news\\.example\\.org/u/([^>]+)>, <mailto:[^?]+\\?subject=unsubscribe%20\\1>").matcher(unsubscribe);
            assertThat(token.matches()).as(unsubscribe).isTrue();
            assertThat(tokens.verify(SubscriberTokens.Purpose.UNSUBSCRIBE, token.group(1))).isPresent();
            assertThat(Files.readString(file)).contains("news.example.org/u/" + token.group(1).substring(0, 10));
        }
        assertThat(parse(files.get(0)).getHeader("Message-ID", null)).isNotEqualTo(parse(files.get(1)).getHeader("Message-ID", null));

        IssueFixture.Run again = ok("send", ISSUE, "--list", "news", "--yes");
        assertThat(again.out()).contains("Campaign 1 is finished: nothing left to send");
        assertThat(outbox("1-" + ISSUE)).hasSize(2);
        assertThat(ok("campaigns").out()).containsPattern("1\\s+" + ISSUE + "\\s+news\\s+finished\\s+2\\s+2\\s+0\\s+0\\s+0");

        String export = ok("privacy", "export", "ann@example.org").out();
        assertThat(export).contains("\"deliveries\"").contains("\"campaignId\" : 1").contains("\"state\" : \"accepted\"");
        ok("privacy", "erase", "ann@example.org", "--yes");
        assertThat(ok("campaigns", "show", "1").out()).as("the journal row went with the person").containsPattern("accepted\\s+1\\n");
    }

    /** Issue 15: after an erasure 'campaigns show' said Audience 7 while its states summed to 6. */
    @Test
    void afterAnErasureOrRemovalEveryCountStillAddsUpToTheAudience() throws Exception {
        ok("subscribers", "add", "dee@example.org", "--list", "news");
        ok("send", ISSUE, "--list", "news", "--yes");
        ok("privacy", "erase", "ann@example.org", "--yes");
        ok("subscribers", "remove", "bob@example.org", "--yes");

        String show = ok("campaigns", "show", "1").out();
        assertThat(show).contains("Audience: 3");
        Matcher line = Pattern.compile("(?m)^  ([a-z -]+?)\\s+(\\d+)$").matcher(show);
        long sum = 0;
        List<String> names = new java.util.ArrayList<>();
        while (line.find()) {
            names.add(line.group(1));
            sum += Long.parseLong(line.group(2));
        }
        assertThat(names).contains("accepted", "removed or erased");
        assertThat(sum).as(show).isEqualTo(3);
        assertThat(show).containsPattern("accepted\\s+1\\n").containsPattern("removed or erased\\s+2\\n");
        assertThat(ok("campaigns").out()).containsPattern("REMOVED").containsPattern("1\\s+" + ISSUE + "\\s+news\\s+finished\\s+3\\s+1\\s+0\\s+0\\s+0\\s+2");
    }

    /** Issue 15: a dry run promised "who would get it" and printed a count. */
    @Test
    void aDryRunListsTheRecipientsAPageOnATerminalAndEveryoneAsCsv() throws Exception {
        for (int i = 0; i < 25; i++) {
            ok("subscribers", "add", String.format("p%02d@example.org", i), "--name", "P " + i, "--list", "news");
        }
        ok("subscribers", "add", "gone@example.org", "--list", "news");
        try (var store = org.newsletter.store.Store.open(org.newsletter.store.DatabaseLocation.sqlite(dir.resolve(".newsletter/newsletter.db")),
                java.time.Clock.systemUTC())) {
            store.suppressions().suppress(org.newsletter.model.EmailAddress.parse("gone@example.org"),
                    org.newsletter.model.SuppressionReason.HARD_BOUNCE, "550 5.1.1", true);
        }

        IssueFixture.Run all = ok("send", ISSUE, "--list", "news", "--dry-run");
        assertThat(all.out()).contains("Recipients: 28 (1 of them suppressed: they will be skipped)").contains("Would get it:")
                .containsPattern("\\n  ann@example.org\\s+Ann Ó'Brien\\n").contains("\n  bob@example.org\n")
                .contains("  p24@example.org").doesNotContain("gone@example.org").doesNotContain("cy@example.org").doesNotContain("more;")
                .contains("Dry run: nothing was sent");

        IssueFixture.Run page = workspace.run(new ScriptedTerminal(), "send", ISSUE, "--list", "news", "--dry-run");
        assertThat(page.exitCode()).isZero();
        assertThat(page.out().lines().filter(l -> l.matches("  \\S+@example\\.org.*"))).hasSize(SendCommand.PAGE);
        assertThat(page.out()).contains("  … and 7 more; --format csv lists everyone");

        IssueFixture.Run csv = ok("send", ISSUE, "--list", "news", "--dry-run", "--format", "csv");
        List<String> rows = csv.out().lines().toList();
        assertThat(rows.get(0)).startsWith("email,name,status,tags");
        assertThat(rows).hasSize(28).anyMatch(r -> r.startsWith("ann@example.org,Ann Ó'Brien,subscribed,cuppa,"))
                .noneMatch(r -> r.startsWith("gone@")).noneMatch(r -> r.startsWith("cy@"));
        assertThat(csv.err()).contains("Recipients: 28").contains("Dry run: nothing was sent");
        assertThat(ok("campaigns").out()).startsWith("No campaigns yet");

        IssueFixture.Run misuse = workspace.run("send", ISSUE, "--list", "news", "--format", "csv");
        assertThat(misuse.exitCode()).isEqualTo(2);
        assertThat(misuse.err()).contains("--format only applies with --dry-run");
    }

    /** Issue 15: a test copy's unsubscribe link said "not valid", and for someone on file it was their real one. */
    @Test
    void aTestCopyCarriesATestLinkThatUnsubscribesNobody() throws Exception {
        ok("send", ISSUE, "--list", "news", "--test-to", "ann@example.org");
        MimeMessage copy = parse(outbox("test").get(0));
        String unsubscribe = MimeUtility.unfold(copy.getHeader("List-Unsubscribe", null));
        Matcher token = Pattern.compile("<https://news\\.example\\.org/u/([^>]+)>, <mailto:[^?]+\\?subject=unsubscribe%20\\1>").matcher(unsubscribe);
        assertThat(token.matches()).as(unsubscribe).isTrue();
        SubscriberTokens tokens = new SubscriberTokens(SECRET);
        assertThat(tokens.verify(SubscriberTokens.Purpose.UNSUBSCRIBE, token.group(1))).as("not Ann's own link").isEmpty();
        assertThat(tokens.verify(SubscriberTokens.Purpose.TEST, token.group(1))).isPresent();
    }

    @Test
    void aCampaignWaitsForAnImportInAnotherProcessInsteadOfStopping() throws Exception {
        DatabaseLocation database = DatabaseLocation.sqlite(dir.resolve(".newsletter/newsletter.db"));
        // Other commands give up after a busy timeout of 200 ms here instead of 10 s, so the campaign's
        // patience shows in a second instead of a dozen.
        workspace.env(DatabaseLocation.URL_VARIABLE, StoreBackend.withBusyTimeout(database, 200));
        IssueFixture.Started send;
        // What a large import in another process does for its whole run: hold SQLite's one write lock.
        try (Connection importer = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = importer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            IssueFixture.Run other = workspace.run("lists", "create", "later", "--name", "Later");
            assertThat(other.errLines()).as("another command gives up").containsExactly("newsletter: error: " + DatabaseBusyException.MESSAGE);
            send = workspace.start("send", ISSUE, "--list", "news", "--yes");
            send.awaitOutput("Recipients: 2", Duration.ofSeconds(60)); // planned (reading only); recording the campaign is next
            Thread.sleep(1_000); // five times the busy timeout
            assertThat(send.done()).as("still waiting for the lock").isNotDone();
            statement.execute("COMMIT");
        }
        IssueFixture.Run run = send.done().get(60, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Campaign 1: 2 accepted");
        assertThat(outbox("1-" + ISSUE)).hasSize(2);
    }

    @Test
    void withoutATerminalItRefusesUnlessToldYesAndADryRunRecordsNothing() throws Exception {
        IssueFixture.Run refused = workspace.run("send", ISSUE, "--list", "news");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).containsExactly(
                "newsletter: error: refusing to send without confirmation: there is no terminal to ask; pass --yes to send from a script");

        IssueFixture.Run dry = ok("send", ISSUE, "--list", "news", "--segment", "tag:cuppa", "--dry-run");
        assertThat(dry.out()).contains("Segment:    tag:cuppa").contains("Recipients: 1").contains("Dry run: nothing was sent");
        assertThat(ok("campaigns").out()).startsWith("No campaigns yet");
        assertThat(outbox("")).isEmpty();
    }

    @Test
    void checkErrorsStopTheSendBeforeAnythingIsRecorded() {
        Path index = dir.resolve("newsletters/" + ISSUE + "/index.md");
        workspace.write("newsletters/" + ISSUE + "/index.md", workspace.read("newsletters/" + ISSUE + "/index.md").replaceFirst("---\n", "---\ncolour: blue\n"));
        IssueFixture.Run run = workspace.run("send", ISSUE, "--list", "news", "--yes");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(dir.relativize(index).toString().replace('\\', '/')).contains("unknown key 'colour'")
                .contains("not sent: 'check' found errors");
        assertThat(ok("campaigns").out()).startsWith("No campaigns yet");
    }

    @Test
    void anImageThatIsALinkOutOfTheIssueFolderStopsTheSendBeforeAnythingIsRecorded() throws Exception {
        Path secret = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path birds = dir.resolve("newsletters/" + ISSUE + "/images/birds.jpg");
        Files.delete(birds);
        Files.createSymbolicLink(birds, secret);
        IssueFixture.Run run = workspace.run("send", ISSUE, "--list", "news", "--yes");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("image 'images/birds.jpg' is a link to a file outside the issue folder")
                .contains("not sent: 'check' found errors");
        assertThat(ok("campaigns").out()).startsWith("No campaigns yet");
        assertThat(outbox("")).isEmpty();
    }

    @Test
    void testSendsGoOnlyToTheGivenAddressesMarkedTestAndAreNotACampaign() throws Exception {
        IssueFixture.Run run = ok("send", ISSUE, "--list", "news", "--test-to", "ann@example.org", "editor@example.net");
        assertThat(run.out()).contains("sent to ann@example.org: 250").contains("sent to editor@example.net: 250");
        List<Path> files = outbox("test");
        assertThat(files).hasSize(2);
        for (Path file : files) {
            assertThat(parse(file).getSubject()).startsWith("[TEST] August Team Update");
        }
        assertThat(ok("campaigns").out()).startsWith("No campaigns yet");
        assertThat(workspace.run("send", ISSUE, "--list", "news", "--test-to", "not an address").exitCode()).isEqualTo(2);
    }

    @Test
    void aStoppedCampaignResumesAndAnEditedIssueIsNotResumedWithoutBeingTold() throws Exception {
        // A file where the campaign's outbox folder belongs: the transport cannot open, so the run stops.
        Path blocker = dir.resolve(".newsletter/outbox/1-" + ISSUE);
        org.newsletter.store.PrivateFiles.createFolder(blocker.getParent()); // as send makes it: else the next command tightens it, and says so
        Files.writeString(blocker, "in the way");
        IssueFixture.Run stopped = workspace.run("send", ISSUE, "--list", "news", "--yes");
        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.errLines()).singleElement().asString()
                .startsWith("newsletter: error: stopped: cannot connect to outbox")
                .endsWith("2 not yet sent stay queued: run the same send again to resume");
        assertThat(ok("campaigns", "show", "1").out()).containsPattern("queued\\s+2").contains("sending (run the same send again to resume)");

        Files.delete(blocker);
        String index = "newsletters/" + ISSUE + "/index.md";
        workspace.write(index, workspace.read(index).replace("Enjoying the fruits", "Enjoying the ripe fruits"));
        IssueFixture.Run changed = workspace.run("send", ISSUE, "--list", "news", "--yes");
        assertThat(changed.exitCode()).isEqualTo(1);
        assertThat(changed.err()).contains("has changed since campaign 1 began").contains("--allow-changed");

        IssueFixture.Run resumed = ok("send", ISSUE, "--list", "news", "--yes", "--allow-changed");
        assertThat(resumed.out()).contains("Campaign:   1").contains("Recipients: 2 still to send").contains("Campaign 1: 2 accepted");
        assertThat(outbox("1-" + ISSUE)).hasSize(2);
    }

    @Test
    void messagesAreSignedWithDkimWhenConfiguredAndIndependentlyVerifiable() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(dir.resolve("dkim.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml") + "dkim: {domain: example.org, selector: news, key: missing.pem}\n");
        IssueFixture.Run badKey = workspace.run("send", ISSUE, "--list", "news", "--yes");
        assertThat(badKey.exitCode()).isEqualTo(1);
        assertThat(badKey.errLines()).singleElement().asString().startsWith("newsletter: error: dkim in newsletter.yaml: ").contains("missing.pem");
        assertThat(ok("campaigns").out()).startsWith("No campaigns yet");

        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml").replace("missing.pem", "dkim.pem"));
        ok("send", ISSUE, "--list", "news", "--yes");
        List<byte[]> messages = new java.util.ArrayList<>();
        for (Path file : outbox("1-" + ISSUE)) {
            messages.add(Files.readAllBytes(file));
            assertThat(new String(messages.get(messages.size() - 1), StandardCharsets.US_ASCII)).startsWith("DKIM-Signature: v=1; a=rsa-sha256;");
        }
        Dkimpy verifier = Dkimpy.require(Dkimpy.find(dir));
        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        assertThat(verifier.verify(messages, "news._domainkey.example.org", record)).hasSize(2).allSatisfy(v -> assertThat(v.passed()).as(v.report()).isTrue());
    }
}
