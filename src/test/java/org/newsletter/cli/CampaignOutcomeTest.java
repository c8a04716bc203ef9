package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.BounceKind;
import org.newsletter.model.EmailAddress;
import org.newsletter.store.BounceRepository;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.Store;
import org.newsletter.testing.IssueFixture;

/**
 * {@code campaigns show} after a real campaign (20 people, the local outbox) and what followed it:
 * bounces and a complaint recorded against it, readers leaving through its links within a week, one
 * leaving too late to count, and one removed by staff. Its figures must be what the database holds.
 */
class CampaignOutcomeTest {

    @TempDir
    Path dir;

    IssueFixture workspace;

    @BeforeEach
    void sendCampaign() {
        workspace = IssueFixture.copyOfRepository(dir);
        ok("lists", "create", "news", "--name", "Monthly news");
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 1; i <= 20; i++) {
            csv.append("p").append(i).append("@example.org,Person ").append(i).append('\n');
        }
        workspace.write("people.csv", csv.toString());
        ok("subscribers", "import", "people.csv", "--list", "news");
        ok("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
    }

    IssueFixture.Run ok(String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    /** The store as it is at {@code when} (the campaign went out at IssueFixture.CLOCK's time). */
    Store storeAt(String when) {
        return Store.open(DatabaseLocation.sqlite(dir.resolve(".newsletter/newsletter.db")), Clock.fixed(Instant.parse(when), ZoneOffset.UTC));
    }

    static BounceRepository.NewBounce bounce(Store store, String who, BounceKind kind, String status, String reportId) {
        long id = store.subscribers().require(EmailAddress.parse(who + "@example.org")).id();
        return new BounceRepository.NewBounce(reportId, kind, new BounceRepository.Target(id, who + "@example.org", 1L, store.lists().require("news").id()),
                status, "", Instant.parse("2024-08-01T12:00:00Z"));
    }

    void unsubscribe(Store store, String who, String how) {
        long id = store.subscribers().require(EmailAddress.parse(who + "@example.org")).id();
        assertThat(store.selfService().unsubscribe(id, store.lists().require("news").id(), how)).isTrue();
    }

    @Test
    void showsDeliveryRatesAgainstGmailsLimitsAndTheUnsubscribesThatCameFromTheCampaign() throws SQLException {
        try (Store store = storeAt("2024-08-02T10:00:00Z")) {
            store.bounces().record(bounce(store, "p1", BounceKind.HARD_BOUNCE, "5.1.1", "r1"), 3, java.time.Duration.ofDays(30));
            store.bounces().record(bounce(store, "p2", BounceKind.HARD_BOUNCE, "5.1.1", "r2"), 3, java.time.Duration.ofDays(30));
            // Two soft bounces about one person are one person whose mail bounced.
            store.bounces().record(bounce(store, "p3", BounceKind.SOFT_BOUNCE, "4.2.2", "r3"), 3, java.time.Duration.ofDays(30));
            store.bounces().record(bounce(store, "p3", BounceKind.SOFT_BOUNCE, "4.2.2", "r4"), 3, java.time.Duration.ofDays(30));
            store.bounces().record(bounce(store, "p4", BounceKind.COMPLAINT, "abuse", "r5"), 3, java.time.Duration.ofDays(30));
            unsubscribe(store, "p5", "one-click (RFC 8058)");
            unsubscribe(store, "p6", "unsubscribe page");
        }
        try (Store store = storeAt("2024-08-12T10:00:00Z")) {
            unsubscribe(store, "p7", "unsubscribe page"); // 11 days later: not this campaign's doing
        }
        ok("subscribers", "unsubscribe", "p8@example.org", "--list", "news"); // staff, not the reader

        String shown = ok("campaigns", "show", "1").out();

        assertThat(shown).contains("Delivery:")
                .containsPattern("accepted\\s+20  100\\.00 % of 20 answered")
                .containsPattern("failed\\s+0  0\\.00 % of answered")
                .containsPattern("hard bounces\\s+2  10\\.00 % of accepted")
                .containsPattern("soft bounces\\s+1  5\\.00 % of accepted")
                .containsPattern("complaints\\s+1  5\\.00 % of accepted: at or above Gmail's 0\\.3 % limit")
                .contains("Unsubscribes from this campaign (its links or List-Unsubscribe, within 7 days of delivery):")
                .containsPattern("unsubscribed\\s+2  10\\.00 % of accepted");

        // The same figures, asked of the database file directly.
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".newsletter/newsletter.db"));
                Statement sql = db.createStatement()) {
            assertThat(shown).containsPattern("accepted\\s+" + one(sql, "SELECT COUNT(*) FROM delivery WHERE campaign_id = 1 AND state = 'accepted'") + " ");
            assertThat(shown).containsPattern("hard bounces\\s+"
                    + one(sql, "SELECT COUNT(DISTINCT subscriber_id) FROM bounce WHERE campaign_id = 1 AND kind = 'hard-bounce'") + " ");
            assertThat(shown).containsPattern("soft bounces\\s+"
                    + one(sql, "SELECT COUNT(DISTINCT subscriber_id) FROM bounce WHERE campaign_id = 1 AND kind = 'soft-bounce'") + " ");
            assertThat(shown).containsPattern("complaints\\s+"
                    + one(sql, "SELECT COUNT(DISTINCT subscriber_id) FROM bounce WHERE campaign_id = 1 AND kind = 'complaint'") + " ");
            // Everyone who left the list: p4 (complaint), p5, p6 (within the week), p7 (too late), p8 (staff).
            assertThat(one(sql, "SELECT COUNT(*) FROM subscription WHERE status = 'unsubscribed'")).isEqualTo(5);
        }
    }

    @Test
    void theComplaintRateIsSetAgainstGmailsTwoThresholds() {
        assertThat(GmailLimits.verdict(0, 1000)).isEqualTo("under Gmail's 0.1 % (never 0.3 %)");
        assertThat(GmailLimits.verdict(1, 1001)).isEqualTo("under Gmail's 0.1 % (never 0.3 %)");
        assertThat(GmailLimits.verdict(1, 1000)).startsWith("above the 0.1 %");
        assertThat(GmailLimits.verdict(3, 1000)).startsWith("at or above Gmail's 0.3 % limit");
    }

    static long one(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
