package org.newsletter.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.config.SendingSettings;
import org.newsletter.config.Workspace;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.mail.MessageSigner;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.mail.SmtpReply;
import org.newsletter.mail.OutboxTransport;
import org.newsletter.mail.Transport;
import org.newsletter.model.Campaign;
import org.newsletter.model.DeliveryState;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.Issue;
import org.newsletter.model.UserInputException;
import org.newsletter.model.MailingList;
import org.newsletter.model.SuppressionReason;
import org.newsletter.render.RenderedIssue;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.DeliveryJournal;
import org.newsletter.store.NewSubscriber;
import org.newsletter.store.Store;
import org.newsletter.testing.IssueFixture;

/**
 * A campaign run against a real SQLite store and the real message path, through a transport that
 * records what it is handed and can be told to refuse some recipients, the way servers do.
 */
class CampaignRunTest {

    static final SendingSettings.Retry FAST_RETRY = new SendingSettings.Retry(3, Duration.ofMillis(5));

    @TempDir
    Path dir;

    Store store;
    MailingList news;
    CampaignSender sender;
    final List<Store> others = new ArrayList<>();

    @BeforeEach
    void setUp() {
        IssueFixture.copyOfRepository(dir);
        Workspace workspace = new WorkspaceLocator().locate(dir);
        store = open();
        news = store.lists().create("news", "News", "", false);
        for (int i = 0; i < 60; i++) {
            store.subscribers().add(new NewSubscriber(EmailAddress.parse(String.format("p%02d@example.org", i)), "Person " + i, Set.of(), Map.of(),
                    "test", Clock.systemUTC().instant()), news, "test");
        }
        sender = new CampaignSender(workspace, new IssuePipeline(workspace, IssueFixture.CLOCK)::render, store,
                Map.of("NEWSLETTER_SECRET", "x".repeat(40)), Clock.systemUTC());
    }

    Store open() {
        Store opened = Store.open(DatabaseLocation.sqlite(dir.resolve(".newsletter/newsletter.db")), Clock.systemUTC());
        others.add(opened);
        return opened;
    }

    @AfterEach
    void tearDown() {
        others.forEach(Store::close);
    }

    RunReport run(Campaign campaign, SendPlan plan, Transport transport) throws InterruptedException {
        return run(campaign, plan, transport, SendingSettings.Rate.UNLIMITED, new StopRequest(), CampaignRun.DRAIN_LIMIT);
    }

    RunReport run(Campaign campaign, SendPlan plan, Transport transport, SendingSettings.Rate rate, StopRequest stop, Duration drainLimit)
            throws InterruptedException {
        return run(campaign, transport, rate, stop, drainLimit, builtMessages(campaign, plan));
    }

    MessageMaker builtMessages(Campaign campaign, SendPlan plan) {
        return new BuiltMessages(new WorkspaceLocator().locate(dir).site(), plan.rendered(), campaign, news, sender.links(),
                MessageSigner.NONE, Clock.systemUTC());
    }

    RunReport run(Campaign campaign, Transport transport, SendingSettings.Rate rate, StopRequest stop, Duration drainLimit, MessageMaker maker)
            throws InterruptedException {
        try (DeliveryJournal journal = store.journal(campaign, news)) {
            return new CampaignRun(journal, transport, maker, 3, rate, FAST_RETRY, Clock.systemUTC(), SendProgress.NONE, stop::pause, stop, drainLimit)
                    .run();
        }
    }

    /** Runs on another thread, as a campaign does while a signal handler asks it to stop. */
    CompletableFuture<RunReport> runInBackground(Campaign campaign, SendPlan plan, Transport transport, SendingSettings.Rate rate, StopRequest stop,
            Duration drainLimit) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(campaign, plan, transport, rate, stop, drainLimit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    Set<String> emailsIn(Campaign campaign, DeliveryState state) {
        Set<String> emails = new TreeSet<>();
        store.database().handle().createQuery("SELECT s.email FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id"
                        + " WHERE d.campaign_id = :campaign AND d.state = :state")
                .bind("campaign", campaign.id()).bind("state", state.word()).mapTo(String.class).forEach(emails::add);
        return emails;
    }

    SendPlan plan() {
        return sender.plan(dir.resolve("newsletters/" + IssueFixture.SEED_ISSUE), "news", null, null, false);
    }

    /**
     * The outcome log of a long run is emptied as it grows (everything in it recorded first), so a
     * million-recipient campaign does not leave a file of hundreds of megabytes beside the database.
     */
    @Test
    void aLongRunKeepsItsOutcomeLogSmallAndRemovesItAtTheEnd() throws InterruptedException {
        for (int i = 0; i < 6_000; i++) {
            store.subscribers().add(new NewSubscriber(EmailAddress.parse("many" + i + "@example.org"), "", Set.of(), Map.of(), "test",
                    Clock.systemUTC().instant()), news, "test");
        }
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        Path senders = dir.resolve(".newsletter/newsletter.db.senders");
        // A long reply (servers do add their queue id and more) makes each record about 450 bytes: 2.7 MB in all.
        SmtpReply reply = new SmtpReply(250, "2.0.0", "Ok: queued as " + "Q".repeat(300));
        AtomicLong largest = new AtomicLong();
        AtomicInteger handed = new AtomicInteger();
        Set<String> recipients = ConcurrentHashMap.newKeySet();
        Transport transport = new Transport() {
            @Override
            public String describe() {
                return "a transport that measures the outcome log";
            }

            @Override
            public Channel open() {
                return new Channel() {
                    @Override
                    public SmtpReply send(OutgoingMessage message) {
                        recipients.add(message.recipient());
                        if (handed.incrementAndGet() % 50 == 0) {
                            largest.accumulateAndGet(outcomeLogBytes(senders), Math::max);
                        }
                        return reply;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };

        RunReport report = run(campaign, plan, transport);

        assertThat(report.accepted()).isEqualTo(6_060);
        assertThat(handed.get()).as("nobody twice").isEqualTo(6_060);
        assertThat(recipients).hasSize(6_060);
        assertThat(store.campaigns().counts(campaign.id()).get(DeliveryState.ACCEPTED)).isEqualTo(6_060);
        assertThat(largest.get()).as("emptied at 1 MB, give or take the outcomes of one batch").isPositive()
                .isLessThan(CampaignRun.LOG_LIMIT + CampaignRun.LOG_LIMIT / 2);
        assertThat(outcomeLogBytes(senders)).as("no log is left once the run is over").isZero();
    }

    /** A run that ends with every outcome recorded leaves its journal nothing to read back from the log when it closes. */
    @Test
    void aRunThatRecordedEverythingEndsWithAnEmptyOutcomeLog() throws InterruptedException {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        try (DeliveryJournal journal = store.journal(campaign, news)) {
            RunReport report = new CampaignRun(journal, new RecordingTransport(), builtMessages(campaign, plan), 3, SendingSettings.Rate.UNLIMITED,
                    FAST_RETRY, Clock.systemUTC(), SendProgress.NONE, new StopRequest()).run();
            assertThat(report.accepted()).isEqualTo(60);
            assertThat(journal.notesAhead()).isTrue();
            assertThat(journal.notedBytes()).as("emptied once all 60 were recorded").isZero();
        }
        assertThat(store.campaigns().counts(campaign.id()).get(DeliveryState.ACCEPTED)).isEqualTo(60);
    }

    private static long outcomeLogBytes(Path senders) {
        try (var files = Files.list(senders)) {
            return files.filter(f -> f.toString().endsWith(".outcomes")).mapToLong(f -> f.toFile().length()).sum(); // 0 once removed
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void someoneWhoUnsubscribesWhileTheCampaignRunsGetsNothingAfterThatMoment() throws InterruptedException {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        Store otherProcess = open();
        RecordingTransport transport = new RecordingTransport();
        transport.onFirstSend = () -> otherProcess.subscribers().unsubscribe(EmailAddress.parse("p59@example.org"), news, "one-click");

        RunReport report = run(campaign, plan, transport);

        assertThat(transport.recipients()).hasSize(59).doesNotContain("p59@example.org").doesNotHaveDuplicates();
        assertThat(report.accepted()).isEqualTo(59);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(store.campaigns().counts(campaign.id()).get(DeliveryState.SKIPPED)).isEqualTo(1);
        assertThat(store.campaigns().finishIfDone(campaign.id())).isTrue();
    }

    @Test
    void temporaryFailuresAreRetriedWithBackoffAndPermanentOnesRecordedAndNoSuchUserSuppressed() throws InterruptedException {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        RecordingTransport transport = new RecordingTransport();
        transport.refuseTimes("p01@example.org", 1, "451 4.3.0 Mailbox busy, try later");
        transport.refuseTimes("p02@example.org", 99, "452 4.2.2 Mailbox full");
        transport.refuseTimes("p03@example.org", 99, "550 5.1.1 <p03@example.org>: Recipient address rejected: User unknown");
        transport.refuseTimes("p04@example.org", 99, "554 5.7.1 Message rejected as spam");

        RunReport report = run(campaign, plan, transport);

        var counts = store.campaigns().counts(campaign.id());
        assertThat(counts.get(DeliveryState.ACCEPTED)).isEqualTo(57);
        assertThat(counts.get(DeliveryState.FAILED_TEMPORARY)).isEqualTo(1);
        assertThat(counts.get(DeliveryState.FAILED_PERMANENT)).isEqualTo(2);
        assertThat(transport.attempts("p01@example.org")).isEqualTo(2);
        assertThat(transport.attempts("p02@example.org")).as("tried up to the limit").isEqualTo(FAST_RETRY.attempts());
        assertThat(transport.attempts("p03@example.org")).as("5xx is never retried").isEqualTo(1);
        assertThat(report.count(DeliveryState.QUEUED)).as("retries recorded along the way").isEqualTo(3);
        assertThat(store.suppressions().find(EmailAddress.parse("p03@example.org"))).hasValueSatisfying(s ->
                assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
        assertThat(store.suppressions().find(EmailAddress.parse("p04@example.org"))).as("spam rejection is not 'no such user'").isEmpty();
        assertThat(store.campaigns().errors(campaign.id())).extracting(g -> g.state().word() + " " + g.reply()).containsExactlyInAnyOrder(
                "failed-temporary 452 4.2.2 Mailbox full",
                "failed-permanent 550 5.1.1 <p03@example.org>: Recipient address rejected: User unknown",
                "failed-permanent 554 5.7.1 Message rejected as spam");

        transport.refuseTimes("p02@example.org", 0, null);
        assertThat(store.campaigns().retry(campaign.id())).isEqualTo(1);
        run(campaign, plan, transport);
        assertThat(store.campaigns().counts(campaign.id()).get(DeliveryState.ACCEPTED)).isEqualTo(58);
    }

    @Test
    void anythingThrownWhileBuildingOneMessageFailsThatRowAloneAndTheRunGoesOn() throws Exception {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        MessageMaker real = builtMessages(campaign, plan);
        MessageMaker poisoned = claim -> switch (claim.email()) {
            // What building the message of someone imported with a 10 MB name did: the sender thread died.
            case "p07@example.org" -> throw new OutOfMemoryError("Java heap space");
            case "p08@example.org" -> throw new StackOverflowError();
            default -> real.make(claim);
        };
        OutboxTransport outbox = new OutboxTransport(dir.resolve("outbox"));

        CompletableFuture<RunReport> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run(campaign, outbox, SendingSettings.Rate.UNLIMITED, new StopRequest(), CampaignRun.DRAIN_LIMIT, poisoned);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        RunReport report = running.get(60, TimeUnit.SECONDS);

        assertThat(report.accepted()).isEqualTo(58);
        try (var files = java.nio.file.Files.list(outbox.folder())) {
            assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(58);
        }
        assertThat(emailsIn(campaign, DeliveryState.FAILED_PERMANENT)).containsExactly("p07@example.org", "p08@example.org");
        assertThat(store.campaigns().errors(campaign.id())).extracting(g -> g.reply()).containsExactlyInAnyOrder(
                "cannot build the message: OutOfMemoryError: Java heap space", "cannot build the message: StackOverflowError");
        assertThat(store.campaigns().finishIfDone(campaign.id())).as("nothing left sending or queued").isTrue();
    }

    /** Issue 16: should a sender thread die all the same, the run stops instead of waiting for ever for the claim it held. */
    @Test
    void aSenderThreadThatDiesStopsTheRunInsteadOfHangingIt() throws Exception {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        MessageMaker real = builtMessages(campaign, plan);
        MessageMaker deadly = claim -> {
            if (claim.email().equals("p07@example.org")) {
                // Out of memory again while the failure is being described: nothing the worker does can report this row.
                throw new OutOfMemoryError() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public String getMessage() {
                        throw this;
                    }
                };
            }
            return real.make(claim);
        };

        CompletableFuture<RunReport> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run(campaign, new RecordingTransport(), SendingSettings.Rate.UNLIMITED, new StopRequest(), CampaignRun.DRAIN_LIMIT, deadly);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        RunReport report = running.get(60, TimeUnit.SECONDS);

        assertThat(report.stoppedBecause()).isEqualTo("a sender thread stopped unexpectedly");
        assertThat(emailsIn(campaign, DeliveryState.SENDING)).as("left for the next run, like a message in flight at a crash")
                .containsExactly("p07@example.org");
        RunReport resumed = run(campaign, plan, new RecordingTransport());
        assertThat(resumed.accepted() + report.accepted()).isEqualTo(60);
    }

    /** Issue 16: a full disk under the outbox stops the run with everything unsent still queued, instead of failing everyone after retries. */
    @Test
    void aFullDiskStopsTheRunAndKeepsTheRestQueued() throws InterruptedException {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        OutboxTransport outbox = new OutboxTransport(dir.resolve("outbox"));
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        // The outbox as it is on a disk with room for ten more messages: the JDK's own words for ENOSPC.
        Transport filling = new Transport() {
            @Override
            public String describe() {
                return outbox.describe();
            }

            @Override
            public Channel open() throws org.newsletter.mail.DeliveryException {
                Channel channel = outbox.open();
                return new Channel() {
                    @Override
                    public org.newsletter.mail.SmtpReply send(org.newsletter.mail.OutgoingMessage message) throws org.newsletter.mail.DeliveryException {
                        if (written.incrementAndGet() > 10) {
                            java.io.IOException enospc = new java.io.IOException("No space left on device");
                            throw new org.newsletter.mail.DeliveryException(org.newsletter.mail.DeliveryException.Kind.TEMPORARY, null, false,
                                    "cannot write " + outbox.fileFor(message) + ": " + enospc.getMessage(), enospc);
                        }
                        return channel.send(message);
                    }

                    @Override
                    public void close() {
                        channel.close();
                    }
                };
            }
        };

        RunReport report = run(campaign, plan, filling);

        assertThat(report.stoppedBecause()).startsWith("the disk is full (cannot write ").endsWith("No space left on device); free some space");
        var counts = store.campaigns().counts(campaign.id());
        assertThat(counts.get(DeliveryState.ACCEPTED)).isEqualTo(10);
        assertThat(counts.get(DeliveryState.QUEUED)).isEqualTo(50);
        assertThat(counts.get(DeliveryState.FAILED_TEMPORARY)).isZero();
        assertThat(written.get()).as("no retries against a full disk").isLessThanOrEqualTo(13);
    }

    /** Issue 16: a start that cannot build a message records no campaign, so the issue is not published in the archive or feed. */
    @Test
    void aCampaignWhoseMessagesCannotBeBuiltIsNotRecorded() {
        Workspace workspace = new WorkspaceLocator().locate(dir);
        IssuePipeline pipeline = new IssuePipeline(workspace, IssueFixture.CLOCK);
        // What check now refuses: a subject with a header of its own in it, as an older check let through.
        IssueSource injected = folder -> {
            RenderedIssue r = pipeline.render(folder);
            Issue i = r.issue();
            return new RenderedIssue(new Issue(i.folder(), i.slug(), i.title(), i.date(), "Hi\r\nBcc: evil@x.org", i.preheader(), i.hero(),
                    i.language(), i.timeZone(), i.blocks(), i.events(), i.unplaced(), i.linkReferences(), i.images()),
                    r.emailHtml(), r.emailText(), r.webHtml(), r.calendars());
        };
        CampaignSender refusing = new CampaignSender(workspace, injected, store, Map.of("NEWSLETTER_SECRET", "x".repeat(40)), Clock.systemUTC());
        SendPlan plan = refusing.plan(dir.resolve("newsletters/" + IssueFixture.SEED_ISSUE), "news", null, null, false);

        assertThatThrownBy(() -> refusing.start(plan)).isInstanceOf(UserInputException.class)
                .hasMessage("not sent, and no campaign recorded: the message cannot be built: Subject must be a single line, but contains"
                        + " a line break or NUL: Hi\\r\\nBcc: evil@x.org");
        assertThat(store.campaigns().all()).isEmpty();
        assertThat(store.campaigns().sentIssues()).as("what the archive and the feed list").isEmpty();
    }

    @Test
    void aDroppedConnectionIsReopenedAndTheMessageTriedAgainWithTheSameMessageId() throws InterruptedException {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        RecordingTransport transport = new RecordingTransport();
        transport.dropOnce("p10@example.org");

        run(campaign, plan, transport);

        assertThat(store.campaigns().counts(campaign.id()).get(DeliveryState.ACCEPTED)).isEqualTo(60);
        // Workers open their channel lazily, so how many opened depends on timing; but the dropped channel
        // is never used again (RecordingTransport fails the send if it is), so the retry went on a new one.
        assertThat(transport.opened.get()).as("a reconnect after the drop").isGreaterThanOrEqualTo(2);
        assertThat(transport.messageIds("p10@example.org")).hasSize(2).containsOnly(transport.messageIds("p10@example.org").get(0));
    }

    @Test
    void askedToStopItFinishesWhatIsWithTheServerRecordsItAndPutsTheRestBack() throws Exception {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        RecordingTransport transport = new RecordingTransport();
        transport.sendMillis = 20;
        StopRequest stop = new StopRequest();
        transport.whileSending = message -> {
            if (transport.handed.size() >= 10) {
                stop.stop(); // as Ctrl-C does, while three messages are with the "server"
            }
        };

        RunReport report = run(campaign, plan, transport, SendingSettings.Rate.UNLIMITED, stop, CampaignRun.DRAIN_LIMIT);

        assertThat(report.stopRequested()).isTrue();
        assertThat(report.leftInFlight()).isZero();
        List<String> handed = transport.recipients();
        assertThat(handed).hasSizeBetween(10, 12).doesNotHaveDuplicates();
        assertThat(emailsIn(campaign, DeliveryState.SENDING)).as("nothing left in doubt").isEmpty();
        assertThat(emailsIn(campaign, DeliveryState.ACCEPTED)).as("every message the server took is recorded").containsExactlyInAnyOrderElementsOf(handed);
        assertThat(emailsIn(campaign, DeliveryState.QUEUED)).hasSize(60 - handed.size());
        assertThat(store.campaigns().finishIfDone(campaign.id())).isFalse();

        RunReport resumed = run(campaign, plan, transport);
        assertThat(resumed.stopRequested()).isFalse();
        assertThat(transport.recipients()).hasSize(60).doesNotHaveDuplicates();
        assertThat(transport.attempts("p59@example.org")).isEqualTo(1);
        assertThat(store.campaigns().errors(campaign.id())).as("claims put back were not counted as attempts that failed").isEmpty();
    }

    @Test
    void askedToStopAtOnceItLeavesOnlyTheMessagesStillWithTheServerSending() throws Exception {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        RecordingTransport transport = new RecordingTransport();
        CountDownLatch answer = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        transport.whileSending = message -> {
            if (message.recipient().equals("p05@example.org")) {
                stuck.countDown();
                awaitQuietly(answer); // a server that does not answer
            }
        };
        StopRequest stop = new StopRequest();
        CompletableFuture<RunReport> running = runInBackground(campaign, plan, transport, SendingSettings.Rate.UNLIMITED, stop, CampaignRun.DRAIN_LIMIT);
        try {
            assertThat(stuck.await(20, TimeUnit.SECONDS)).isTrue();
            stop.stop();
            Thread.sleep(300);
            assertThat(running).as("a clean stop waits for the message with the server").isNotDone();
            long asked = System.nanoTime();
            stop.stopNow();
            RunReport report = running.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));
            assertThat(report.stopRequested()).isTrue();
            assertThat(report.leftInFlight()).isEqualTo(1);
            assertThat(emailsIn(campaign, DeliveryState.SENDING)).containsExactly("p05@example.org");
            assertThat(emailsIn(campaign, DeliveryState.ACCEPTED)).hasSize(transport.recipients().size() - 1);
        } finally {
            answer.countDown();
        }
    }

    @Test
    void aServerThatNeverAnswersIsWaitedForOnlyUntilTheDrainLimit() throws Exception {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        RecordingTransport transport = new RecordingTransport();
        CountDownLatch answer = new CountDownLatch(1);
        StopRequest stop = new StopRequest();
        transport.whileSending = message -> {
            if (message.recipient().equals("p05@example.org")) {
                stop.stop();
                awaitQuietly(answer);
            }
        };
        try {
            long started = System.nanoTime();
            RunReport report = run(campaign, plan, transport, SendingSettings.Rate.UNLIMITED, stop, Duration.ofMillis(500));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(report.leftInFlight()).isEqualTo(1);
            assertThat(emailsIn(campaign, DeliveryState.SENDING)).containsExactly("p05@example.org");
            assertThat(emailsIn(campaign, DeliveryState.QUEUED)).hasSize(60 - transport.recipients().size());
        } finally {
            answer.countDown();
        }
    }

    @Test
    void aStopWakesSendersWaitingForTheRateLimit() throws Exception {
        SendPlan plan = plan();
        Campaign campaign = sender.start(plan);
        RecordingTransport transport = new RecordingTransport();
        StopRequest stop = new StopRequest();
        CompletableFuture<RunReport> running = runInBackground(campaign, plan, transport, new SendingSettings.Rate(0, 60), stop, CampaignRun.DRAIN_LIMIT);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (transport.recipients().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200); // the other senders are now waiting a minute for their turn
        stop.stop();
        RunReport report = running.get(5, TimeUnit.SECONDS);
        assertThat(report.stopRequested()).isTrue();
        assertThat(transport.recipients()).hasSize(1);
        assertThat(emailsIn(campaign, DeliveryState.ACCEPTED)).hasSize(1);
        assertThat(emailsIn(campaign, DeliveryState.QUEUED)).hasSize(59);
        assertThat(emailsIn(campaign, DeliveryState.SENDING)).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
