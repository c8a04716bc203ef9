package org.newsletter.bounce;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsletter.mail.MessageIds;
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
import org.newsletter.testing.BounceSamples;
import org.newsletter.testing.MutableClock;

/**
 * A real SQLite store after campaign 1 went to everyone the samples are about, each message accepted
 * with the Message-ID {@code send} gives it; and the samples made for that campaign.
 */
final class BounceFixture implements AutoCloseable {

    final MutableClock clock = new MutableClock(Instant.parse("2024-08-01T09:00:00Z"));
    final Store store;
    final Campaign campaign;
    final MailingList news;

    BounceFixture(Path dir) {
        store = Store.open(DatabaseLocation.sqlite(dir.resolve("test.db")), clock);
        news = store.lists().create("news", "Monthly news", "", false);
        for (String who : BounceSamples.PEOPLE.keySet()) {
            store.subscribers().add(new NewSubscriber(EmailAddress.parse(who + "@example.org"), "", Set.of(), Map.of(), "test", clock.instant()), news, "test");
        }
        campaign = store.campaigns().start(new CampaignDraft("2024-08-team-update", news, "", null, "August", "hash", "outbox"));
        try (DeliveryJournal journal = store.journal(campaign, news)) {
            List<DeliveryOutcome> accepted = new ArrayList<>();
            for (DeliveryClaim claim : journal.claim(100)) {
                accepted.add(DeliveryOutcome.accepted(claim, MessageIds.of("example.org", campaign.messageKey(), claim.email()), "250 2.0.0 Ok"));
            }
            journal.record(accepted);
        }
    }

    /** The samples, signed with {@code secret} ({@link BounceSamples#SECRET} is the workspace's). */
    BounceSamples samples(String secret) {
        return new BounceSamples(secret, name -> store.subscribers().require(EmailAddress.parse(name + "@example.org")).id(), campaign.id(),
                campaign.messageKey(), news.id());
    }

    @Override
    public void close() {
        store.close();
    }
}
