package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.Subscriber;
import org.newsletter.model.SubscriberDetails;
import org.newsletter.store.segment.SegmentParser;

/**
 * A database written by the earlier schema (tags and attributes in tables of their own, every state
 * of a subscription in the log) is brought up to date without losing or repeating anything, and then
 * keeps withdrawn consent and list visibility like a new one.
 */
abstract class SchemaUpgradeContractTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

    private DatabaseLocation location;

    abstract DatabaseLocation freshDatabase();

    void dispose(DatabaseLocation location) {
    }

    @AfterEach
    void cleanUp() {
        if (location != null) {
            dispose(location);
        }
    }

    @Test
    void tagsAttributesAndHistoryComeThroughTheUpgrade() {
        location = freshDatabase();
        DataSource dataSource = Database.dataSource(location);
        Flyway.configure().dataSource(dataSource).locations(location.dialect().migrationLocation()).target("3").load().migrate();
        Jdbi jdbi = Jdbi.create(dataSource);
        try (Handle old = jdbi.open()) {
            old.execute("INSERT INTO mailing_list (id, slug, name, created_at) VALUES (1, 'news', 'News', 0), (2, 'events', 'Events', 0)");
            old.execute("INSERT INTO subscriber (id, email, email_key, name, created_at, updated_at) VALUES "
                    + "(1, 'Ann@example.org', 'ann@example.org', 'Ann', 0, 0), (2, 'bob@example.org', 'bob@example.org', 'Bob', 0, 0)");
            old.execute("INSERT INTO subscriber_tag (subscriber_id, tag) VALUES (1, 'volunteer'), (1, 'cuppa')");
            old.execute("INSERT INTO subscriber_attribute (subscriber_id, name, value) VALUES (1, 'city', 'Leeds'), (1, 'note', 'says \"hi\"')");
            old.execute("INSERT INTO subscription (subscriber_id, list_id, status, how, changed_at) VALUES "
                    + "(1, 1, 'unsubscribed', 'link', 3000), (1, 2, 'subscribed', 'import: a.csv', 1000), (2, 1, 'subscribed', 'staff: x', 2000)");
            // Ann: subscribed to news, then unsubscribed; subscribed to events. Bob: subscribed to news.
            old.execute("INSERT INTO subscription_event (subscriber_id, list_id, status, how, at) VALUES "
                    + "(1, 1, 'subscribed', 'import: a.csv', 1000), (1, 2, 'subscribed', 'import: a.csv', 1000), "
                    + "(2, 1, 'subscribed', 'staff: x', 2000), (1, 1, 'unsubscribed', 'link', 3000)");
        }

        try (Store store = Store.open(location, CLOCK)) {
            Subscriber ann = store.subscribers().require(EmailAddress.parse("ann@example.org"));
            assertThat(ann.tags()).containsExactly("cuppa", "volunteer");
            assertThat(ann.attributes()).isEqualTo(Map.of("city", "Leeds", "note", "says \"hi\""));
            Subscriber bob = store.subscribers().require(EmailAddress.parse("bob@example.org"));
            assertThat(bob.tags()).isEmpty();
            assertThat(bob.attributes()).isEmpty();

            SubscriberDetails details = store.subscribers().details(EmailAddress.parse("ann@example.org")).orElseThrow();
            assertThat(details.history()).extracting(c -> c.listSlug() + " " + c.status().word() + " " + c.how())
                    .containsExactly("news subscribed import: a.csv", "events subscribed import: a.csv", "news unsubscribed link");
            assertThat(store.subscribers().details(EmailAddress.parse("bob@example.org")).orElseThrow().history())
                    .extracting(c -> c.status().word()).containsExactly("subscribed");

            List<String> cuppaInLeeds = new ArrayList<>();
            store.listing().forEach(new SubscriberQuery(null, null, SegmentParser.parse("tag:cuppa and attr.city=Leeds")),
                    row -> cuppaInLeeds.add(row.subscriber().email()));
            assertThat(cuppaInLeeds).containsExactly("Ann@example.org");

            // Later changes keep adding to the history, once each.
            store.subscribers().unsubscribe(EmailAddress.parse("bob@example.org"), store.lists().require("news"), "staff: y");
            assertThat(store.subscribers().details(EmailAddress.parse("bob@example.org")).orElseThrow().history())
                    .extracting(c -> c.status().word() + " " + c.how()).containsExactly("subscribed staff: x", "unsubscribed staff: y");

            // Lists made before visibility existed stay public; a removal keeps what an older release recorded as left.
            assertThat(store.lists().summaries()).extracting(l -> l.list().slug() + " " + l.list().visibility().word())
                    .containsExactly("events public", "news public");
            assertThat(store.subscribers().remove(EmailAddress.parse("ann@example.org"))).isTrue();
            assertThat(store.withdrawnConsents().of(EmailAddress.parse("ann@example.org")))
                    .extracting(w -> w.listSlug() + " " + w.how() + " " + w.at().toEpochMilli()).containsExactly("news link 3000");
        }
    }

    /**
     * A database with a campaign from before click tracking (schema 9) gains the tracking tables
     * (V10): links recorded, clicks counted in batches, a person's clicks kept and erased with them.
     */
    @Test
    void clickTrackingTablesArriveUnderAnExistingCampaign() {
        location = freshDatabase();
        DataSource dataSource = Database.dataSource(location);
        Flyway.configure().dataSource(dataSource).locations(location.dialect().migrationLocation()).target("9").load().migrate();
        try (Handle old = Jdbi.create(dataSource).open()) {
            old.execute("INSERT INTO mailing_list (id, slug, name, created_at) VALUES (1, 'news', 'News', 0)");
            old.execute("INSERT INTO subscriber (id, email, email_key, name, created_at, updated_at) VALUES "
                    + "(1, 'ann@example.org', 'ann@example.org', 'Ann', 0, 0), (2, 'bob@example.org', 'bob@example.org', 'Bob', 0, 0)");
            old.execute("INSERT INTO campaign (id, issue, list_id, segment, subject, content_hash, transport, audience, status, created_at) VALUES "
                    + "(7, '2024-08-team-update', 1, '', 'August', 'h', 'outbox', 2, 'finished', 0)");
            old.execute("INSERT INTO delivery (campaign_id, subscriber_id, state, updated_at) VALUES (7, 1, 'accepted', 5000), (7, 2, 'accepted', 9000)");
        }
        try (Store store = Store.open(location, CLOCK)) {
            TrackingRepository tracking = store.tracking();
            tracking.recordLinks(7, List.of("https://example.org/a", "https://example.org/b?x=1#top"));
            tracking.recordLinks(7, List.of("https://example.org/changed")); // a rerun keeps the first record
            Instant at = CLOCK.instant();
            tracking.record(List.of(TrackingEvent.click(7, 0, 1, false, at), TrackingEvent.click(7, 0, 2, true, at),
                    TrackingEvent.click(7, 1, 0, false, at), TrackingEvent.imageLoad(7, false, at), TrackingEvent.imageLoad(7, true, at)));
            tracking.record(List.of(TrackingEvent.click(7, 1, 1, false, at), TrackingEvent.imageLoad(7, false, at)));
            assertThat(tracking.links(7)).extracting(l -> l.index() + " " + l.url() + " " + l.human() + " " + l.automated())
                    .containsExactly("0 https://example.org/a 1 1", "1 https://example.org/b?x=1#top 2 0");
            assertThat(tracking.imageLoads(7)).isEqualTo(new TrackingRepository.Counts(2, 1));
            assertThat(tracking.clicksPerCampaign()).containsEntry(7L, new TrackingRepository.Counts(3, 1));
            assertThat(tracking.deliveredAt(7, 2)).contains(Instant.ofEpochMilli(9000));
            assertThat(tracking.lastDelivery(7)).contains(Instant.ofEpochMilli(9000));
            assertThat(tracking.lastDelivery(8)).isEmpty();
            assertThat(tracking.clicksOf(EmailAddress.parse("ann@example.org"))).extracting(c -> c.url() + " " + c.automated())
                    .containsExactly("https://example.org/a false", "https://example.org/b?x=1#top false");
            assertThat(store.personalData().held(EmailAddress.parse("ann@example.org")).clicks()).hasSize(2);

            store.personalData().erase(EmailAddress.parse("ann@example.org"));
            assertThat(tracking.clicksOf(EmailAddress.parse("ann@example.org"))).isEmpty();
            assertThat(tracking.clicksOf(EmailAddress.parse("bob@example.org"))).hasSize(1);
            // A click for someone erased meanwhile counts, but is kept about nobody.
            tracking.record(List.of(TrackingEvent.click(7, 0, 1, false, at)));
            assertThat(tracking.links(7).get(0).human()).isEqualTo(2);
            assertThat(store.database().handle().createQuery("SELECT COUNT(*) FROM click").mapTo(Long.class).one()).isEqualTo(1);
        }
    }
}
