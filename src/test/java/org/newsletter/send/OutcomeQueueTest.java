package org.newsletter.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.Campaign;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
import org.newsletter.store.CampaignDraft;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.DeliveryClaim;
import org.newsletter.store.DeliveryJournal;
import org.newsletter.store.DeliveryOutcome;
import org.newsletter.store.NewSubscriber;
import org.newsletter.store.Store;

/** The hand-over of outcomes from sender threads to the run's thread, on a real SQLite journal (which keeps an outcome log). */
class OutcomeQueueTest {

    @TempDir
    Path dir;

    /**
     * While nothing comes (a campaign held to a slow rate, a run waiting for a retry) the run's thread
     * looks less and less often, up to the wait it asks for: at the 2 ms of full speed, a third of a second
     * would be about 160 looks; up to 10 ms, about 40. A busy machine only makes looks fewer.
     */
    @Test
    void whileNoOutcomeComesTheRunsThreadLooksLessOftenAndAnOutcomeIsStillTakenAtOnce() throws InterruptedException {
        try (Store store = Store.open(DatabaseLocation.sqlite(dir.resolve("newsletter.db")), Clock.systemUTC())) {
            MailingList news = store.lists().create("news", "News", "", false);
            store.subscribers().add(new NewSubscriber(EmailAddress.parse("a@example.org"), "", Set.of(), Map.of(), "test",
                    Clock.systemUTC().instant()), news, "test");
            Campaign campaign = store.campaigns().start(new CampaignDraft("2024-08-team-update", news, null, null, "August", "hash", "outbox"));
            try (DeliveryJournal journal = store.journal(campaign, news)) {
                OutcomeQueue queue = new OutcomeQueue(journal);
                int looks = 0;
                long end = System.nanoTime() + 330_000_000L;
                while (System.nanoTime() < end) {
                    assertThat(queue.poll(10)).isNull();
                    looks++;
                }
                assertThat(looks).as("looks in a third of a second with nothing coming").isLessThan(80);

                DeliveryClaim claim = journal.claim(1).get(0);
                Thread sender = new Thread(() -> queue.report(DeliveryOutcome.accepted(claim, "<a@example.org>", "250 ok")));
                sender.start();
                sender.join();
                assertThat(queue.poll(10)).extracting(DeliveryOutcome::claim).isEqualTo(claim);
                assertThat(journal.notedBytes()).as("noted before it was handed over").isPositive();
                journal.record(List.of(DeliveryOutcome.accepted(claim, "<a@example.org>", "250 ok")));
            }
        }
    }
}
