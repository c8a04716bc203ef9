package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.Campaign;
import org.newsletter.model.DeliveryState;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
import org.newsletter.model.Suppression;
import org.newsletter.model.SuppressionReason;
import org.newsletter.testing.MutableClock;

/**
 * The outcome log that lets a SQLite run record outcomes in batches: what a killed sender noted reaches
 * the database through the next run, so a message the server accepted is not sent again.
 */
class SqliteOutcomeLogTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(java.time.Instant.parse("2024-08-01T09:00:00Z"));
    DatabaseLocation location;
    Store store;
    Store killed;
    MailingList news;

    @BeforeEach
    void open() {
        location = StoreBackend.sqlite(dir);
        store = Store.open(location, clock);
        killed = Store.open(location, clock);
        news = store.lists().create("news", "Monthly news", "", false);
        for (int i = 0; i < 5; i++) {
            store.subscribers().add(new NewSubscriber(EmailAddress.parse("p" + i + "@example.org"), "", Set.of(), Map.of(), "test", clock.instant()),
                    news, "test");
        }
    }

    @AfterEach
    void close() {
        killed.close();
        store.close();
    }

    @Test
    void whatAKilledSenderNotedIsRecordedByTheNextRunAndOnlyTheRestIsQueuedAgain() throws IOException {
        Campaign campaign = start();
        DeliveryJournal first = killed.journal(campaign, news);
        assertThat(first.notesAhead()).as("SQLite keeps an outcome log").isTrue();
        List<DeliveryClaim> claims = first.claim(10);
        long later = clock.millis() + 600_000;
        first.note(DeliveryOutcome.accepted(claims.get(0), "<a@example.org>", "250 2.0.0 Ok: queued as A1"));
        first.note(DeliveryOutcome.failed(claims.get(1), true, "<b@example.org>", "550 5.1.1 no such user", true));
        first.note(DeliveryOutcome.retryLater(claims.get(2), "<c@example.org>", "451 4.3.0 try later", later));
        first.note(DeliveryOutcome.notHandedOver(claims.get(3), "not sent")); // never handed over: not worth a record
        Path log = kill(first);

        try (DeliveryJournal next = store.journal(campaign, news)) {
            assertThat(next.requeueOrphans()).as("p3 and p4 were in doubt; the others' outcomes were in the log").isEqualTo(2);
            assertThat(CampaignJournalContractTest.emails(next.claim(10))).containsExactly("p3@example.org", "p4@example.org");
        }
        assertThat(stateOf(campaign, "p0@example.org")).isEqualTo("accepted|250 2.0.0 Ok: queued as A1|<a@example.org>");
        assertThat(stateOf(campaign, "p1@example.org")).isEqualTo("failed-permanent|550 5.1.1 no such user|<b@example.org>");
        assertThat(stateOf(campaign, "p2@example.org")).isEqualTo("queued|451 4.3.0 try later|<c@example.org>");
        assertThat(store.suppressions().find(EmailAddress.parse("p1@example.org"))).get()
                .extracting(Suppression::reason).isEqualTo(SuppressionReason.HARD_BOUNCE);
        assertThat(log).as("read back, then removed").doesNotExist();
    }

    /** The log is read back by the next run of any campaign, and what it records names the campaign it belongs to. */
    @Test
    void aKilledSendersLogIsReadBackByARunOfAnotherCampaign() throws IOException {
        Campaign august = start();
        DeliveryJournal first = killed.journal(august, news);
        List<DeliveryClaim> claims = first.claim(2);
        first.note(DeliveryOutcome.accepted(claims.get(0), "<a@example.org>", "250 ok"));
        first.note(DeliveryOutcome.failed(claims.get(1), true, "<b@example.org>", "550 5.1.1 no such user", true));
        Path log = kill(first);
        Campaign september = store.campaigns().start(new CampaignDraft("2024-09-team-update", news, null, null, "September", "hash", "outbox"));

        try (DeliveryJournal next = store.journal(september, news)) {
            assertThat(next.requeueOrphans()).as("August's rows are August's to queue again").isZero();
        }
        assertThat(stateOf(august, "p0@example.org")).startsWith("accepted|");
        assertThat(store.suppressions().find(EmailAddress.parse("p1@example.org"))).get().extracting(Suppression::note)
                .isEqualTo("campaign " + august.id() + ": 550 5.1.1 no such user");
        assertThat(log).doesNotExist();
    }

    @Test
    void aRecordTheKillCutShortIsIgnoredAndItsRowIsQueuedAgain() throws IOException {
        Campaign campaign = start();
        DeliveryJournal first = killed.journal(campaign, news);
        List<DeliveryClaim> claims = first.claim(2);
        first.note(DeliveryOutcome.accepted(claims.get(0), "<a@example.org>", "250 ok"));
        long whole = Files.size(logOf(first));
        first.note(DeliveryOutcome.accepted(claims.get(1), "<b@example.org>", "250 ok"));
        Path log = kill(first);
        try (FileChannel file = FileChannel.open(log, StandardOpenOption.WRITE)) {
            file.truncate(whole + (Files.size(log) - whole) / 2); // the second write, half done
        }

        try (DeliveryJournal next = store.journal(campaign, news)) {
            assertThat(next.requeueOrphans()).isEqualTo(1);
            assertThat(CampaignJournalContractTest.emails(next.claim(10))).containsExactly("p1@example.org", "p2@example.org", "p3@example.org",
                    "p4@example.org");
        }
        assertThat(stateOf(campaign, "p0@example.org")).startsWith("accepted|");
    }

    /**
     * {@code campaigns retry} put a temporarily failed row back in the queue, a run claimed it again (the
     * same attempt number, counted afresh) and was killed with that message on the wire: the log's older
     * failure is not this attempt's outcome, and the row must go back to the queue, not stay failed.
     */
    @Test
    void anOutcomeOfAnEarlierClaimOfTheSameRowDoesNotApplyToTheClaimInDoubt() throws IOException {
        Campaign campaign = start();
        DeliveryJournal first = killed.journal(campaign, news);
        List<DeliveryClaim> claims = first.claim(1);
        DeliveryOutcome failed = DeliveryOutcome.failed(claims.get(0), false, "<a@example.org>", "452 4.2.2 mailbox full", false);
        first.note(failed);
        first.record(List.of(failed));
        clock.advance(Duration.ofMinutes(5));
        assertThat(store.campaigns().retry(campaign.id())).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(first.claim(1)).singleElement().extracting(DeliveryClaim::attempt).isEqualTo(claims.get(0).attempt());
        kill(first);

        try (DeliveryJournal next = store.journal(campaign, news)) {
            assertThat(next.requeueOrphans()).isEqualTo(1);
            assertThat(CampaignJournalContractTest.emails(next.claim(1))).containsExactly("p0@example.org");
        }
    }

    @Test
    void aJournalClosedWithNotedOutcomesNotYetRecordedRecordsThemAndRemovesItsLog() {
        Campaign campaign = start();
        DeliveryJournal journal = store.journal(campaign, news);
        List<DeliveryClaim> claims = journal.claim(1);
        Path log = logOf(journal);
        journal.note(DeliveryOutcome.accepted(claims.get(0), "<a@example.org>", "250 ok"));
        assertThat(journal.notedBytes()).isPositive();
        journal.close();

        assertThat(stateOf(campaign, "p0@example.org")).startsWith("accepted|");
        assertThat(log).doesNotExist();
    }

    @Test
    void forgettingEmptiesTheLogOnceEverythingInItIsRecorded() {
        Campaign campaign = start();
        try (DeliveryJournal journal = store.journal(campaign, news)) {
            List<DeliveryClaim> claims = journal.claim(1);
            DeliveryOutcome accepted = DeliveryOutcome.accepted(claims.get(0), "<a@example.org>", "250 ok");
            journal.note(accepted);
            journal.record(List.of(accepted));
            journal.forgetNoted();
            assertThat(journal.notedBytes()).isZero();
        }
    }

    private Campaign start() {
        return store.campaigns().start(new CampaignDraft("2024-08-team-update", news, null, null, "August", "hash", "outbox"));
    }

    private Path logOf(DeliveryJournal journal) {
        return OutcomeLog.fileOf(location.sqliteFile().resolveSibling(location.sqliteFile().getFileName() + ".senders"), journal.senderId());
    }

    /**
     * What SIGKILL leaves: the rows the sender claimed, still {@code sending}, its outcome log, and no
     * lock. (Closing releases the lock; the log is set aside first, or closing would record it.)
     */
    private Path kill(DeliveryJournal journal) throws IOException {
        Path log = logOf(journal);
        byte[] noted = Files.readAllBytes(log);
        Files.delete(log);
        journal.close();
        Files.write(log, noted);
        return log;
    }

    private String stateOf(Campaign campaign, String email) {
        return store.database().handle().createQuery("""
                SELECT d.state || '|' || d.reply || '|' || COALESCE(d.message_id, '') FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id
                WHERE d.campaign_id = :campaign AND s.email = :email""").bind("campaign", campaign.id()).bind("email", email).mapTo(String.class).one();
    }
}
