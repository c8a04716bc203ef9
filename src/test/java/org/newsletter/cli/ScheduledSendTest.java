package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.MutableClock;

/** {@code send --at}, {@code campaigns cancel|reschedule} and {@code run-due}, with a clock the test moves, into the outbox. */
class ScheduledSendTest {

    static final String ISSUE = IssueFixture.SEED_ISSUE;

    @TempDir
    Path dir;

    IssueFixture workspace;
    /** 10:00 in London (BST). */
    final MutableClock clock = new MutableClock(Instant.parse("2024-08-01T09:00:00Z"));

    @BeforeEach
    void setUp() {
        workspace = IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", SendCommandTest.SECRET).clock(clock);
        ok("lists", "create", "news", "--name", "Monthly news");
        ok("subscribers", "add", "ann@example.org", "--list", "news");
        ok("subscribers", "add", "bob@example.org", "--list", "news");
    }

    IssueFixture.Run ok(String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    List<String> sentTo() throws Exception {
        Path outbox = dir.resolve(".newsletter/outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        List<String> to = new ArrayList<>();
        try (Stream<Path> files = Files.walk(outbox)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                to.add(SendCommandTest.parse(file).getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString());
            }
        }
        return to.stream().sorted().toList();
    }

    @Test
    void aScheduledCampaignWaitsForItsTimeThenGoesOnceToWhoeverIsSubscribedThen() throws Exception {
        IssueFixture.Run scheduled = ok("send", ISSUE, "--list", "news", "--at", "2024-08-01 12:00", "--yes");
        assertThat(scheduled.out()).contains("Recipients: 2").contains("Sends at:   2024-08-01 12:00 BST (2024-08-01 11:00 UTC)")
                .contains("The audience is fixed when it starts sending").contains("Scheduled as 1");
        assertThat(ok("campaigns").out()).containsPattern("1\\s+" + ISSUE + "\\s+news\\s+scheduled\\s+2024-08-01 12:00 BST");
        assertThat(ok("run-due").out()).contains("Nothing is due. Next: 1");
        assertThat(sentTo()).isEmpty();

        ok("subscribers", "add", "cy@example.org", "--list", "news");
        ok("subscribers", "unsubscribe", "bob@example.org", "--list", "news");
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(ok("run-due").out()).contains("Nothing is due");
        clock.advance(Duration.ofSeconds(1));

        IssueFixture.Run due = ok("run-due");
        assertThat(due.out()).contains("Started campaign 1: " + ISSUE + " to news, audience fixed at 2").contains("Campaign 1: 2 accepted");
        assertThat(sentTo()).containsExactly("ann@example.org", "cy@example.org");

        assertThat(ok("run-due").out()).contains("Nothing is due");
        assertThat(sentTo()).hasSize(2);
        assertThat(ok("campaigns").out()).containsPattern("1\\s+" + ISSUE + "\\s+news\\s+finished\\s+2\\s+2").doesNotContain("Scheduled (");
    }

    @Test
    void aCancelledCampaignNeverGoesAndARescheduledOneGoesAtItsNewTime() throws Exception {
        ok("send", ISSUE, "--list", "news", "--at", "2024-08-01T12:00:00+01:00", "--yes");
        IssueFixture.Run twice = workspace.run("send", ISSUE, "--list", "news", "--at", "2024-08-03 12:00", "--yes");
        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.err()).contains("already scheduled as 1").contains("campaigns reschedule 1");

        assertThat(ok("campaigns", "reschedule", "1", "--at", "2024-08-02 10:00").out()).contains("now sends at 2024-08-02 10:00 BST");
        clock.advance(Duration.ofHours(3));
        assertThat(ok("run-due").out()).contains("Nothing is due");
        clock.advance(Duration.ofDays(1));
        assertThat(ok("run-due").out()).contains("Campaign 1: 2 accepted");
        assertThat(sentTo()).hasSize(2);

        IssueFixture.Run late = workspace.run("campaigns", "cancel", "1");
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.err()).contains("scheduled campaign 1 is started as campaign 1");

        ok("lists", "create", "staff", "--name", "Staff");
        ok("subscribers", "add", "dee@example.org", "--list", "staff");
        ok("send", ISSUE, "--list", "staff", "--at", "2024-08-05 09:00", "--yes");
        assertThat(ok("campaigns", "cancel", "2").out()).contains("Cancelled scheduled campaign 2");
        assertThat(ok("campaigns").out()).containsPattern("2\\s+" + ISSUE + "\\s+staff\\s+cancelled");
        clock.advance(Duration.ofDays(10));
        assertThat(ok("run-due").out()).contains("Nothing is due");
        assertThat(sentTo()).doesNotContain("dee@example.org");
    }

    @Test
    void aTimeInThePastOrUnreadableOrAnIssueEditedAfterSchedulingSendsNothing() throws Exception {
        IssueFixture.Run past = workspace.run("send", ISSUE, "--list", "news", "--at", "2024-08-01 09:59", "--yes");
        assertThat(past.exitCode()).isEqualTo(1);
        assertThat(past.err()).contains("--at:").contains("not in the future");
        IssueFixture.Run garbled = workspace.run("send", ISSUE, "--list", "news", "--at", "next tuesday", "--yes");
        assertThat(garbled.exitCode()).isEqualTo(1);
        assertThat(garbled.err().strip()).isEqualTo("newsletter: error: --at: cannot read 'next tuesday' as a time; write it as \"2024-09-10 10:00\""
                + " (Europe/London) or ISO 8601 with an offset, like 2024-09-10T10:00+01:00");

        ok("send", ISSUE, "--list", "news", "--at", "2024-08-01 11:00", "--yes");
        Path index = dir.resolve("newsletters").resolve(ISSUE).resolve("index.md");
        Files.writeString(index, Files.readString(index) + "\nA late addition nobody checked.\n");
        clock.advance(Duration.ofHours(1));
        IssueFixture.Run due = workspace.run("run-due");
        assertThat(due.exitCode()).isEqualTo(1);
        assertThat(due.err()).contains("scheduled campaign 1 (" + ISSUE + " to news) not sent: newsletters/" + ISSUE
                + " changed since it was scheduled");
        assertThat(sentTo()).isEmpty();
        assertThat(ok("campaigns").out()).containsPattern("1\\s+" + ISSUE + "\\s+news\\s+failed");
    }

    @Test
    void twoRunDueAtOnceSendADueCampaignExactlyOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            ok("subscribers", "add", "reader" + i + "@example.org", "--list", "news");
        }
        ok("send", ISSUE, "--list", "news", "--at", "2024-08-01 10:30", "--yes");
        clock.advance(Duration.ofHours(1));
        CompletableFuture<IssueFixture.Run> first = workspace.start("run-due").done();
        CompletableFuture<IssueFixture.Run> second = workspace.start("run-due").done();
        IssueFixture.Run a = first.get(90, TimeUnit.SECONDS);
        IssueFixture.Run b = second.get(90, TimeUnit.SECONDS);
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat((a.out() + b.out()).split("Started campaign", -1)).as(a.out() + b.out()).hasSize(2);
        List<String> to = sentTo();
        assertThat(to).hasSize(42).doesNotHaveDuplicates();
    }
}
