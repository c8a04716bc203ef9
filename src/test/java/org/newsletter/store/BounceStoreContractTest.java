package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsletter.model.BounceKind;
import org.newsletter.model.Campaign;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.model.SuppressionReason;
import org.newsletter.testing.MutableClock;

/** Recording bounces, complaints and mailed unsubscribes, against SQLite and PostgreSQL alike (see the subclasses). */
abstract class BounceStoreContractTest {

    static final Duration MONTH = Duration.ofDays(30);

    final MutableClock clock = new MutableClock(Instant.parse("2024-08-01T09:00:00Z"));
    DatabaseLocation location;
    Store store;
    MailingList news;
    MailingList events;
    Campaign campaign;

    abstract DatabaseLocation freshDatabase();

    void dispose(DatabaseLocation location) {
    }

    @BeforeEach
    void open() {
        location = freshDatabase();
        store = Store.open(location, clock);
        news = store.lists().create("news", "Monthly news", "", false);
        events = store.lists().create("events", "Events", "", false);
        for (String who : List.of("ann", "bob", "cy")) {
            store.subscribers().add(new NewSubscriber(EmailAddress.parse(who + "@example.org"), "", Set.of(), Map.of(), "test", clock.instant()), news, "test");
        }
        store.subscribers().add(new NewSubscriber(EmailAddress.parse("ann@example.org"), "", Set.of(), Map.of(), "test", clock.instant()), events, "test");
        campaign = store.campaigns().start(new CampaignDraft("2024-08-team-update", news, "", null, "August", "hash", "outbox"));
        try (DeliveryJournal journal = store.journal(campaign, news)) {
            List<DeliveryOutcome> accepted = new ArrayList<>();
            for (DeliveryClaim claim : journal.claim(10)) {
                accepted.add(DeliveryOutcome.accepted(claim, claim.email().replace("@", ".") + "@news.example.org", "250 2.0.0 Ok"));
            }
            journal.record(accepted);
        }
    }

    @AfterEach
    void close() {
        if (store != null) { // null when PostgreSQL tests are skipped
            store.close();
        }
        dispose(location);
    }

    BounceRepository.Target target(String who) {
        return store.bounces().messageId(who + ".example.org@news.example.org").orElseThrow();
    }

    BounceRepository.Recorded record(String reportId, BounceKind kind, BounceRepository.Target target, String status) {
        return store.bounces().record(new BounceRepository.NewBounce(reportId, kind, target, status, "a reason", clock.instant()), 3, MONTH);
    }

    @Test
    void findsTheRecipientByDeliveryByMessageIdBySubscriptionAndByAddress() {
        BounceRepository.Target ann = target("ann");
        assertThat(ann.email()).isEqualTo("ann@example.org");
        assertThat(ann.campaignId()).isEqualTo(campaign.id());
        assertThat(ann.listId()).isEqualTo(news.id());
        assertThat(store.bounces().delivery(campaign.id(), ann.subscriberId())).contains(ann);
        assertThat(store.bounces().delivery(campaign.id() + 1, ann.subscriberId())).isEmpty();
        assertThat(store.bounces().messageId("unknown@news.example.org")).isEmpty();
        assertThat(store.bounces().subscription(ann.subscriberId(), events.id()))
                .contains(new BounceRepository.Target(ann.subscriberId(), "ann@example.org", null, events.id()));
        assertThat(store.bounces().subscription(target("bob").subscriberId(), events.id())).isEmpty();
        assertThat(store.bounces().address(EmailAddress.parse("ANN@example.org")))
                .contains(new BounceRepository.Target(ann.subscriberId(), "ann@example.org", null, null));
        assertThat(store.bounces().address(EmailAddress.parse("zed@example.org"))).isEmpty();
    }

    @Test
    void aHardBounceSuppressesAndShowsInTheJournalOnce() {
        BounceRepository.Recorded first = record("<r1@mx.example.net>", BounceKind.HARD_BOUNCE, target("bob"), "5.1.1");

        assertThat(first).isEqualTo(new BounceRepository.Recorded(true, true, List.of(), 0));
        assertThat(store.suppressions().find(EmailAddress.parse("bob@example.org"))).get()
                .satisfies(s -> assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE))
                .satisfies(s -> assertThat(s.note()).isEqualTo("campaign " + campaign.id() + ": 5.1.1 a reason"));
        assertThat(store.bounces().campaign(campaign.id())).containsExactly(new BounceRepository.JournalGroup("hard-bounce 5.1.1", 1));
        assertThat(store.bounces().recorded("<r1@mx.example.net>")).isTrue();

        clock.advance(Duration.ofHours(1));
        assertThat(record("<r1@mx.example.net>", BounceKind.HARD_BOUNCE, target("bob"), "5.1.1"))
                .isEqualTo(new BounceRepository.Recorded(false, false, List.of(), 0));
        assertThat(store.bounces().recent(10)).hasSize(1);
        assertThat(store.suppressions().find(EmailAddress.parse("bob@example.org")).orElseThrow().at()).isEqualTo(Instant.parse("2024-08-01T09:00:00Z"));
    }

    @Test
    void softBouncesSuppressAtTheLimitWithinTheWindow() {
        record("s1", BounceKind.SOFT_BOUNCE, target("cy"), "4.2.2");
        clock.advance(Duration.ofDays(31));
        assertThat(record("s2", BounceKind.SOFT_BOUNCE, target("cy"), "4.2.2").softBounces()).as("the first is outside the window").isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        assertThat(record("s3", BounceKind.SOFT_BOUNCE, target("cy"), "4.2.2")).isEqualTo(new BounceRepository.Recorded(true, false, List.of(), 2));
        assertThat(store.suppressions().find(EmailAddress.parse("cy@example.org"))).isEmpty();
        clock.advance(Duration.ofDays(1));
        assertThat(record("s4", BounceKind.SOFT_BOUNCE, target("cy"), "4.2.2")).isEqualTo(new BounceRepository.Recorded(true, true, List.of(), 3));
        assertThat(store.suppressions().find(EmailAddress.parse("cy@example.org")).orElseThrow().note())
                .startsWith("3 soft bounces within 30 days, the last campaign " + campaign.id() + ": 4.2.2");
    }

    @Test
    void aComplaintUnsubscribesFromEveryListAndSuppresses() {
        BounceRepository.Recorded recorded = record("c1", BounceKind.COMPLAINT, target("ann"), "abuse");

        assertThat(recorded.suppressed()).isTrue();
        assertThat(recorded.unsubscribedFrom()).containsExactlyInAnyOrder("news", "events");
        assertThat(store.suppressions().find(EmailAddress.parse("ann@example.org")).orElseThrow().reason()).isEqualTo(SuppressionReason.COMPLAINT);
        assertThat(store.subscribers().details(EmailAddress.parse("ann@example.org")).orElseThrow().subscriptions())
                .allSatisfy(s -> assertThat(s.status()).isEqualTo(SubscriptionStatus.UNSUBSCRIBED))
                .allSatisfy(s -> assertThat(s.how()).isEqualTo("complaint (feedback report)"));
        assertThat(record("c2", BounceKind.HARD_BOUNCE, target("ann"), "5.1.1").suppressed()).as("keeps the complaint").isFalse();
        assertThat(store.suppressions().find(EmailAddress.parse("ann@example.org")).orElseThrow().reason()).isEqualTo(SuppressionReason.COMPLAINT);
    }

    @Test
    void aMailedUnsubscribeLeavesOnlyThatList() {
        BounceRepository.Target annEvents = store.bounces().subscription(target("ann").subscriberId(), events.id()).orElseThrow();
        assertThat(record("u1", BounceKind.UNSUBSCRIBE, annEvents, "").unsubscribedFrom()).containsExactly("events");
        assertThat(record("u2", BounceKind.UNSUBSCRIBE, annEvents, "").unsubscribedFrom()).as("already unsubscribed").isEmpty();
        assertThat(store.subscribers().details(EmailAddress.parse("ann@example.org")).orElseThrow().subscriptions())
                .extracting(s -> s.listSlug() + "=" + s.status().word()).containsExactlyInAnyOrder("news=subscribed", "events=unsubscribed");
        assertThat(store.suppressions().find(EmailAddress.parse("ann@example.org"))).isEmpty();
        assertThat(store.bounces().recent(1)).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(BounceKind.UNSUBSCRIBE))
                .satisfies(e -> assertThat(e.listSlug()).isEqualTo("events"))
                .satisfies(e -> assertThat(e.campaignId()).isNull());
    }

    @Test
    void erasingThePersonRemovesTheirBounces() {
        record("h1", BounceKind.HARD_BOUNCE, target("bob"), "5.1.1");
        store.personalData().erase(EmailAddress.parse("bob@example.org"));
        assertThat(store.bounces().recent(10)).isEmpty();
    }
}
