package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsletter.model.Campaign;
import org.newsletter.model.CampaignOutcome;
import org.newsletter.model.TimeCount;
import org.newsletter.model.CampaignCounts;
import org.newsletter.model.DeliveryState;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.ListVisibility;
import org.newsletter.model.MailingList;
import org.newsletter.model.SuppressionReason;
import org.newsletter.store.segment.SegmentParser;
import org.newsletter.testing.MutableClock;

/** Campaigns and the delivery journal, against SQLite and PostgreSQL alike (see the subclasses). */
abstract class CampaignJournalContractTest {

    final MutableClock clock = new MutableClock(Instant.parse("2024-08-01T09:00:00Z"));
    final List<Store> stores = new ArrayList<>();
    DatabaseLocation location;
    Store store;
    MailingList news;

    abstract DatabaseLocation freshDatabase();

    void dispose(DatabaseLocation location) {
    }

    @BeforeEach
    void open() {
        location = freshDatabase();
        store = another();
        news = store.lists().create("news", "Monthly news", "", false);
    }

    /** A second process's view of the same database: its own connection. */
    Store another() {
        Store opened = Store.open(location, clock);
        stores.add(opened);
        return opened;
    }

    @AfterEach
    void close() {
        stores.forEach(Store::close);
        dispose(location);
    }

    void add(String email, String... tags) {
        store.subscribers().add(new NewSubscriber(EmailAddress.parse(email), "", Set.of(tags), Map.of(), "test", clock.instant()), news, "test");
    }

    Campaign start(String segment) {
        return store.campaigns().start(new CampaignDraft("2024-08-team-update", news, segment, segment == null ? null : SegmentParser.parse(segment),
                "August", "hash", "outbox"));
    }

    static List<String> emails(List<DeliveryClaim> claims) {
        return claims.stream().map(DeliveryClaim::email).toList();
    }

    @Test
    void theAudienceIsFixedWhenTheCampaignStarts() {
        add("a@example.org", "cuppa");
        add("b@example.org");
        add("c@example.org", "cuppa");
        store.subscribers().unsubscribe(EmailAddress.parse("c@example.org"), news, "test");
        MailingList other = store.lists().create("other", "Other", "", false);
        store.subscribers().add(new NewSubscriber(EmailAddress.parse("d@example.org"), "", Set.of(), Map.of(), "test", clock.instant()), other, "test");

        assertThat(store.campaigns().preview(draft(null))).isEqualTo(new CampaignRepository.AudiencePreview(2, 0));
        Campaign all = start(null);
        Campaign cuppa = start("tag:cuppa");
        add("late@example.org", "cuppa");

        assertThat(all.audience()).isEqualTo(2);
        assertThat(cuppa.audience()).isEqualTo(1);
        assertThat(store.campaigns().find("2024-08-team-update", news.id(), "tag:cuppa")).contains(cuppa);
        try (DeliveryJournal journal = store.journal(all, news)) {
            assertThat(emails(journal.claim(10))).containsExactly("a@example.org", "b@example.org");
            assertThat(journal.claim(10)).isEmpty();
        }
        assertThat(store.campaigns().counts(all.id()).get(DeliveryState.SENDING)).isEqualTo(2);
    }

    private CampaignDraft draft(String segment) {
        return new CampaignDraft("x", news, segment, segment == null ? null : SegmentParser.parse(segment), "s", "h", "outbox");
    }

    @Test
    void peopleWhoLeaveOrAreSuppressedAfterTheStartAreSkippedWhenClaimed() {
        add("a@example.org");
        add("b@example.org");
        add("c@example.org");
        add("d@example.org");
        Campaign campaign = start(null);
        store.subscribers().unsubscribe(EmailAddress.parse("b@example.org"), news, "one-click");
        store.suppressions().suppress(EmailAddress.parse("c@example.org"), SuppressionReason.COMPLAINT, "abuse report", true);
        store.subscribers().remove(EmailAddress.parse("d@example.org"));

        try (DeliveryJournal journal = store.journal(campaign, news)) {
            assertThat(emails(journal.claim(10))).containsExactly("a@example.org");
            assertThat(journal.skipped()).isEqualTo(2);
        }
        var counts = store.campaigns().counts(campaign.id());
        assertThat(counts.get(DeliveryState.SKIPPED)).isEqualTo(2);
        assertThat(counts.total()).isEqualTo(3); // the removed person's row went with them
        assertThat(store.campaigns().errors(campaign.id())).extracting(CampaignRepository.ReplyGroup::reply)
                .containsExactlyInAnyOrder("unsubscribed since the campaign began", "suppressed");
    }

    @Test
    void outcomesAreRecordedRetriesWaitForTheirTimeAndUnknownUsersAreSuppressed() {
        add("a@example.org");
        add("b@example.org");
        add("c@example.org");
        add("d@example.org");
        Campaign campaign = start(null);
        try (DeliveryJournal journal = store.journal(campaign, news)) {
            List<DeliveryClaim> claims = journal.claim(10);
            long later = clock.millis() + 60_000;
            journal.record(List.of(
                    DeliveryOutcome.accepted(claims.get(0), "id-a@example.org", "250 2.0.0 Ok: queued as A1"),
                    DeliveryOutcome.retryLater(claims.get(1), "id-b@example.org", "451 4.3.0 try later", later),
                    DeliveryOutcome.failed(claims.get(2), true, "id-c@example.org", "550 5.1.1 no such user", true),
                    DeliveryOutcome.notHandedOver(claims.get(3), "not sent before the run stopped")));

            assertThat(emails(journal.claim(10))).as("only the one never handed over is due now").containsExactly("d@example.org");
            assertThat(journal.nextDue()).hasValue(later);
            clock.advance(Duration.ofMinutes(2));
            List<DeliveryClaim> retry = journal.claim(10);
            assertThat(emails(retry)).containsExactly("b@example.org");
            assertThat(retry.get(0).attempt()).isEqualTo(2);
        }
        assertThat(store.suppressions().find(EmailAddress.parse("c@example.org"))).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
            assertThat(s.note()).contains("550 5.1.1");
        });
        assertThat(store.campaigns().errors(campaign.id())).singleElement()
                .isEqualTo(new CampaignRepository.ReplyGroup(DeliveryState.FAILED_PERMANENT, "550 5.1.1 no such user", 1));
    }

    @Test
    void inFlightRowsOfADeadSenderAreRequeuedButALiveSendersAreNot() {
        for (int i = 0; i < 6; i++) {
            add("p" + i + "@example.org");
        }
        Campaign campaign = start(null);
        Store otherProcess = another();
        DeliveryJournal first = otherProcess.journal(campaign, news);
        assertThat(first.claim(4)).hasSize(4);

        try (DeliveryJournal second = store.journal(campaign, news)) {
            assertThat(second.requeueOrphans()).as("the first sender is alive").isZero();
            assertThat(emails(second.claim(10))).as("claims never overlap").containsExactly("p4@example.org", "p5@example.org");
            first.close(); // the first process stops without recording its four: they are in doubt
            assertThat(second.requeueOrphans()).isEqualTo(4);
            assertThat(emails(second.claim(10))).containsExactly("p0@example.org", "p1@example.org", "p2@example.org", "p3@example.org");
        }
    }

    void acceptAll(Campaign campaign) {
        try (DeliveryJournal journal = store.journal(campaign, news)) {
            journal.record(journal.claim(10).stream().map(c -> DeliveryOutcome.accepted(c, c.email(), "250 ok")).toList());
        }
    }

    long id(String email) {
        return store.subscribers().require(EmailAddress.parse(email)).id();
    }

    @Test
    void anUnsubscribeCountsForTheLastCampaignThatReachedThePersonWithinAWeek() {
        add("a@example.org");
        add("b@example.org");
        add("c@example.org");
        add("d@example.org");
        Campaign august = start(null);
        acceptAll(august);
        clock.advance(Duration.ofDays(1));
        store.selfService().unsubscribe(id("a@example.org"), news.id(), SelfService.ONE_CLICK);
        clock.advance(Duration.ofHours(1));
        // a comes back: the unsubscribe is now in the history, and still August's.
        assertThat(store.selfService().resubscribe(id("a@example.org"), news.id(), SelfService.UNSUBSCRIBE_PAGE)).isNotNull();
        clock.advance(Duration.ofDays(1));
        Campaign october = store.campaigns().start(new CampaignDraft("2024-10-autumn-notes", news, null, null, "Autumn", "hash", "outbox"));
        acceptAll(october);
        clock.advance(Duration.ofDays(1));
        store.selfService().unsubscribe(id("b@example.org"), news.id(), SelfService.UNSUBSCRIBE_PAGE); // October reached b last
        store.subscribers().unsubscribe(EmailAddress.parse("d@example.org"), news, "staff: ann"); // not the reader's doing
        clock.advance(Duration.ofDays(7));
        store.selfService().unsubscribe(id("c@example.org"), news.id(), SelfService.UNSUBSCRIBE_PAGE); // 8 days after October

        CampaignOutcome first = store.outcomes().of(august);
        CampaignOutcome second = store.outcomes().of(october);

        assertThat(first.accepted()).isEqualTo(4);
        assertThat(first.unsubscribes()).extracting(CampaignOutcome.Unsubscribe::how).containsExactly(SelfService.ONE_CLICK);
        assertThat(first.unsubscribes().get(0).at()).isEqualTo(Instant.parse("2024-08-02T09:00:00Z"));
        assertThat(second.accepted()).isEqualTo(4);
        assertThat(second.unsubscribes()).extracting(CampaignOutcome.Unsubscribe::how).containsExactly("unsubscribe page");
        assertThat(store.outcomes().deliveries(august, Duration.ofHours(1)))
                .containsExactly(new TimeCount(Instant.parse("2024-08-01T09:00:00Z"), 4));
    }

    @Test
    void retryPutsTemporaryFailuresBackAndFinishingNeedsEveryRowSettled() {
        add("a@example.org");
        add("b@example.org");
        Campaign campaign = start(null);
        try (DeliveryJournal journal = store.journal(campaign, news)) {
            List<DeliveryClaim> claims = journal.claim(10);
            journal.record(List.of(DeliveryOutcome.accepted(claims.get(0), "x@example.org", "250 ok")));
            assertThat(store.campaigns().finishIfDone(campaign.id())).isFalse();
            journal.record(List.of(DeliveryOutcome.failed(claims.get(1), false, "y@example.org", "421 4.7.0 too busy", false)));
        }
        assertThat(store.campaigns().finishIfDone(campaign.id())).isTrue();
        assertThat(store.campaigns().retry(campaign.id())).isEqualTo(1);
        assertThat(store.campaigns().find(campaign.id()).orElseThrow().finished()).isFalse();
        try (DeliveryJournal journal = store.journal(campaign, news)) {
            List<DeliveryClaim> again = journal.claim(10);
            assertThat(emails(again)).containsExactly("b@example.org");
            assertThat(again.get(0).attempt()).as("attempts start again").isEqualTo(1);
        }
    }

    @Test
    void theTokenSecretIsMadeOnceAndSharedByEveryProcess() {
        String secret = store.settings().tokenSecret();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        assertThat(another().settings().tokenSecret()).isEqualTo(secret);
    }

    @Test
    void theSentIssuesAreEachIssueWithACampaignAtItsFirstStart() {
        assertThat(store.campaigns().sentIssues()).isEmpty();
        Instant first = clock.instant();
        start(null);
        clock.advance(Duration.ofDays(2));
        start("tag:cuppa");
        store.campaigns().start(new CampaignDraft("2024-10-autumn-notes", news, "", null, "Autumn", "hash", "outbox"));

        assertThat(store.campaigns().sentIssues()).containsExactlyInAnyOrder(
                new CampaignRepository.SentIssue("2024-08-team-update", first, true),
                new CampaignRepository.SentIssue("2024-10-autumn-notes", clock.instant(), true));
    }

    @Test
    void anIssueSentOnlyToPrivateListsIsNotForPublicPages() {
        MailingList staff = store.lists().create("staff", "Staff", "", false, ListVisibility.PRIVATE);
        MailingList members = store.lists().create("members", "Members", "", false, ListVisibility.PRIVATE);
        store.campaigns().start(new CampaignDraft("2024-09-staff-notes", staff, "", null, "Staff", "hash", "outbox"));
        store.campaigns().start(new CampaignDraft("2024-09-staff-notes", members, "", null, "Staff", "hash", "outbox"));
        store.campaigns().start(new CampaignDraft("2024-10-autumn-notes", staff, "", null, "Autumn", "hash", "outbox"));
        store.campaigns().start(new CampaignDraft("2024-10-autumn-notes", news, "", null, "Autumn", "hash", "outbox"));

        assertThat(store.campaigns().sentIssues()).extracting(CampaignRepository.SentIssue::issue, CampaignRepository.SentIssue::publicList)
                .containsExactlyInAnyOrder(tuple("2024-09-staff-notes", false), tuple("2024-10-autumn-notes", true));
    }

    /** Issue 20: cron's run-due and two serve processes may all find the same scheduled campaign due at once. */
    @Test
    void aDueScheduledCampaignStartsOnceHoweverManyProcessesTryAtOnce() throws Exception {
        add("ann@example.org");
        add("bob@example.org");
        CampaignDraft draft = new CampaignDraft("2024-08-team-update", news, "", null, "Team update", "hash", "outbox");
        var scheduled = store.schedules().schedule(draft, clock.instant().plusSeconds(60), "tester");
        assertThat(store.schedules().start(scheduled.id(), draft)).as("not due yet").isEmpty();
        clock.advance(java.time.Duration.ofSeconds(60));

        List<Store> processes = List.of(another(), another(), another(), another());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(processes.size());
        try {
            List<java.util.concurrent.Future<java.util.Optional<Campaign>>> tries = new ArrayList<>();
            for (Store process : processes) {
                tries.add(pool.submit(() -> process.schedules().start(scheduled.id(), draft)));
            }
            long started = 0;
            for (var attempt : tries) {
                started += attempt.get().isPresent() ? 1 : 0;
            }
            assertThat(started).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.campaigns().all()).singleElement().satisfies(c -> assertThat(c.audience()).isEqualTo(2));
        assertThat(store.schedules().find(scheduled.id()).orElseThrow().status()).isEqualTo("started");
        assertThat(store.schedules().due()).isEmpty();
        assertThat(store.schedules().cancel(scheduled.id())).as("too late to cancel").isFalse();
    }

    /** Issue 20: the welcome mail is queued once per person who subscribes themselves, never for a staff add, and is not in the archive. */
    @Test
    void theWelcomeMailIsQueuedOnceForSomeoneWhoSubscribesThemselvesAndNeverForAStaffAdd() {
        add("staff-added@example.org");
        Campaign welcome = store.campaigns().startEmpty(new CampaignDraft("welcome", news, "", null, "Welcome", "hash", "outbox"));
        store.campaigns().makeWelcome(news.id(), welcome.id());
        assertThat(store.campaigns().welcomesToSend()).isEmpty();
        assertThat(store.campaigns().sentIssues()).isEmpty();

        long ann = store.selfService().request(EmailAddress.parse("ann@example.org"), "", news, "form").subscriberId();
        assertThat(store.campaigns().welcomesToSend()).containsExactly(welcome.id());
        assertThat(another().selfService().unsubscribe(ann, news.id(), "link")).isTrue();
        assertThat(another().selfService().resubscribe(ann, news.id(), "link")).isEqualTo(SelfService.Confirmation.SUBSCRIBED);
        CampaignCounts counts = store.campaigns().counts(welcome.id());
        assertThat(counts.remaining()).as("one row for ann, none for the staff add").isEqualTo(1);
        assertThat(store.campaigns().find(welcome.id()).orElseThrow().audience()).isEqualTo(1);
    }

    /** Issue 20: serve retries temporary failures by itself, once their backoff has passed, for campaigns of the last few days. */
    @Test
    void temporaryFailuresAreRetryableOnlyOnceTheirBackoffHasPassedAndNotForAnOldCampaign() {
        add("a@example.org");
        add("b@example.org");
        Campaign campaign = start(null);
        try (DeliveryJournal journal = store.journal(campaign, news)) {
            List<DeliveryClaim> claims = journal.claim(10);
            journal.record(List.of(DeliveryOutcome.accepted(claims.get(0), "x@example.org", "250 ok"),
                    DeliveryOutcome.failed(claims.get(1), false, "y@example.org", "421 4.7.0 too busy", false)));
        }
        store.campaigns().finishIfDone(campaign.id());
        Duration backoff = Duration.ofMinutes(30);
        Instant since = clock.instant().minus(Duration.ofDays(3));
        assertThat(store.campaigns().retryable(clock.instant().minus(backoff), since)).as("too soon").isEmpty();
        clock.advance(backoff);
        assertThat(store.campaigns().retryable(clock.instant().minus(backoff), since)).containsExactly(campaign.id());
        assertThat(store.campaigns().retryable(clock.instant().minus(backoff), clock.instant())).as("the campaign is too old").isEmpty();
        assertThat(store.campaigns().retryFailedBefore(campaign.id(), clock.instant().minus(backoff))).isEqualTo(1);
        assertThat(store.campaigns().find(campaign.id()).orElseThrow().finished()).isFalse();
        assertThat(store.campaigns().retryable(clock.instant().minus(backoff), since)).as("queued now, not failed").isEmpty();
    }
}
