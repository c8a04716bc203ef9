package org.newsletter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.BounceKind;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
import org.newsletter.model.Subscription;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.model.SuppressionReason;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;

/**
 * What came back from the bounce mailbox: who a report is about, and recording it with what follows
 * from it (suppressing, unsubscribing, marking the campaign's journal row) in one transaction. Each
 * report is recorded once, by its id, so reading the same mailbox twice changes nothing the second time.
 */
public final class BounceRepository {

    /** The person a report is about, and the campaign and list when the report names them. */
    public record Target(long subscriberId, String email, Long campaignId, Long listId) {
    }

    /**
     * One report about one person.
     *
     * @param reportId the report's Message-ID, or another stable id of its bytes
     * @param status   the RFC 3463 status code (5.1.1) or the feedback type (abuse); may be empty
     * @param detail   what the server or the report said, for people reading {@code bounces}
     * @param at       when it bounced (the report's date), which the soft-bounce limit counts
     */
    public record NewBounce(String reportId, BounceKind kind, Target target, String status, String detail, Instant at) {
        public NewBounce {
            Objects.requireNonNull(reportId, "reportId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            status = status == null ? "" : status;
            detail = detail == null ? "" : detail;
        }
    }

    /**
     * What recording a report did.
     *
     * @param isNew            false when this report had been recorded before (and nothing was done)
     * @param suppressed       the address was suppressed now
     * @param unsubscribedFrom the lists the person was unsubscribed from now
     * @param softBounces      for a soft bounce, how many there have been within the limit's window
     */
    public record Recorded(boolean isNew, boolean suppressed, List<String> unsubscribedFrom, long softBounces) {
    }

    /** One recorded report, for {@code newsletter bounces}. */
    public record Entry(Instant at, BounceKind kind, String email, Long campaignId, String listSlug, String status, String detail) {
    }

    /** Failed-after-acceptance counts of one campaign, grouped by what came back (e.g. "hard-bounce 5.1.1"). */
    public record JournalGroup(String bounce, long count) {
    }

    /** How an unsubscribe mailed to the List-Unsubscribe address (RFC 2369) is recorded. */
    public static final String MAILED_UNSUBSCRIBE = "mailed unsubscribe (List-Unsubscribe)";

    private final Handle handle;
    private final Sql sql;
    private final Clock clock;
    private final SuppressionRepository suppressions;
    private final SubscriberRepository subscribers;
    private final ListRepository lists;

    BounceRepository(Handle handle, Sql sql, Clock clock, SuppressionRepository suppressions, SubscriberRepository subscribers, ListRepository lists) {
        this.handle = handle;
        this.sql = sql;
        this.clock = clock;
        this.suppressions = suppressions;
        this.subscribers = subscribers;
        this.lists = lists;
    }

    /** The recipient of a campaign's message (from a VERP address), if that delivery exists. */
    public Optional<Target> delivery(long campaignId, long subscriberId) {
        return handle.createQuery(sql.get("bounce-target-delivery") + " WHERE d.campaign_id = :campaign AND d.subscriber_id = :subscriber")
                .bind("campaign", campaignId).bind("subscriber", subscriberId)
                .map((rs, ctx) -> new Target(rs.getLong("subscriber_id"), rs.getString("email"), rs.getLong("campaign_id"), rs.getLong("list_id")))
                .findOne();
    }

    /** The recipient of the campaign message that had this Message-ID (without angle brackets). */
    public Optional<Target> messageId(String messageId) {
        return handle.createQuery(sql.get("bounce-target-delivery") + " WHERE d.message_id = :messageId")
                .bind("messageId", messageId)
                .map((rs, ctx) -> new Target(rs.getLong("subscriber_id"), rs.getString("email"), rs.getLong("campaign_id"), rs.getLong("list_id")))
                .findFirst();
    }

    /** The person and list an unsubscribe token names, if both still exist and are linked. */
    public Optional<Target> subscription(long subscriberId, long listId) {
        return handle.createQuery(sql.get("bounce-target-subscription")).bind("subscriber", subscriberId).bind("list", listId)
                .map((rs, ctx) -> new Target(rs.getLong("subscriber_id"), rs.getString("email"), null, rs.getLong("list_id")))
                .findOne();
    }

    /** The subscriber with this address, campaign and list unknown. */
    public Optional<Target> address(EmailAddress email) {
        return subscribers.find(email).map(s -> new Target(s.id(), s.email(), null, null));
    }

    /** Whether a report with this id was recorded already. */
    public boolean recorded(String reportId) {
        return handle.createQuery(sql.get("bounce-recorded")).bind("reportId", reportId).mapTo(Long.class).one() > 0;
    }

    /**
     * Records the report and, if it is new, what follows from its kind: a hard bounce suppresses the
     * address; a soft bounce suppresses it when it is the {@code softLimit}th within {@code softWindow};
     * a complaint suppresses it and unsubscribes the person from every list; a mailed unsubscribe
     * unsubscribes them from the list the token names. An address already suppressed keeps its
     * original reason. The campaign's journal row shows the bounce. All in one transaction.
     */
    public Recorded record(NewBounce bounce, int softLimit, Duration softWindow) {
        return handle.inTransaction(h -> {
            Target target = bounce.target();
            Instant at = bounce.at() == null ? clock.instant() : bounce.at();
            int inserted = h.createUpdate(sql.get("bounce-insert"))
                    .bind("reportId", bounce.reportId()).bind("subscriber", target.subscriberId())
                    .bind("campaign", target.campaignId()).bind("list", target.listId())
                    .bind("kind", bounce.kind().word()).bind("status", bounce.status()).bind("detail", bounce.detail())
                    .bind("at", at.toEpochMilli())
                    .execute();
            if (inserted == 0) {
                return new Recorded(false, false, List.of(), 0);
            }
            if (target.campaignId() != null) {
                h.createUpdate(sql.get("bounce-delivery-mark")).bind("bounce", (bounce.kind().word() + " " + bounce.status()).strip())
                        .bind("campaign", target.campaignId()).bind("subscriber", target.subscriberId()).execute();
            }
            EmailAddress email = EmailAddress.parse(target.email());
            return switch (bounce.kind()) {
                case HARD_BOUNCE -> new Recorded(true, suppress(email, SuppressionReason.HARD_BOUNCE, note(bounce)), List.of(), 0);
                case SOFT_BOUNCE -> {
                    long count = h.createQuery(sql.get("bounce-soft-count")).bind("subscriber", target.subscriberId())
                            .bind("since", at.minus(softWindow).toEpochMilli()).mapTo(Long.class).one();
                    boolean suppressed = count >= softLimit && suppress(email, SuppressionReason.HARD_BOUNCE,
                            count + " soft bounces within " + softWindow.toDays() + " days, the last " + note(bounce));
                    yield new Recorded(true, suppressed, List.of(), count);
                }
                case COMPLAINT -> {
                    boolean suppressed = suppress(email, SuppressionReason.COMPLAINT, note(bounce));
                    yield new Recorded(true, suppressed, unsubscribeEverywhere(email, "complaint (feedback report)"), 0);
                }
                case UNSUBSCRIBE -> {
                    MailingList list = list(target.listId());
                    boolean changed = subscribers.unsubscribe(email, list, MAILED_UNSUBSCRIBE);
                    yield new Recorded(true, false, changed ? List.of(list.slug()) : List.of(), 0);
                }
            };
        });
    }

    private MailingList list(long id) {
        return handle.createQuery(sql.get("list-select") + " WHERE id = :id").bind("id", id).map((rs, ctx) -> ListRepository.mapList(rs)).one();
    }

    private boolean suppress(EmailAddress email, SuppressionReason reason, String note) {
        if (suppressions.find(email).isPresent()) {
            return false;
        }
        suppressions.suppress(email, reason, note, true);
        return true;
    }

    private List<String> unsubscribeEverywhere(EmailAddress email, String how) {
        List<String> left = new ArrayList<>();
        for (Subscription subscription : subscribers.details(email).map(d -> d.subscriptions()).orElse(List.of())) {
            if (subscription.status() != SubscriptionStatus.UNSUBSCRIBED
                    && subscribers.unsubscribe(email, lists.require(subscription.listSlug()), how)) {
                left.add(subscription.listSlug());
            }
        }
        return left;
    }

    private static String note(NewBounce bounce) {
        String what = (bounce.status() + " " + bounce.detail()).strip();
        return bounce.target().campaignId() == null ? what : "campaign " + bounce.target().campaignId() + ": " + what;
    }

    /** The most recent reports first. */
    public List<Entry> recent(int limit) {
        return handle.createQuery(sql.get("bounces-recent")).bind("limit", limit).map((rs, ctx) -> entry(rs)).list();
    }

    /** Every report about one address, oldest first, for privacy exports. */
    public List<Entry> of(EmailAddress email) {
        return handle.createQuery(sql.get("bounces-of")).bind("key", email.key()).map((rs, ctx) -> entry(rs)).list();
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(Rows.instant(rs, "at"), BounceKind.fromWord(rs.getString("kind")), rs.getString("email"),
                nullableLong(rs, "campaign_id"), rs.getString("list_slug"), rs.getString("status"), rs.getString("detail"));
    }

    /** What came back for one campaign, as its journal rows show it. */
    public List<JournalGroup> campaign(long campaignId) {
        return handle.createQuery(sql.get("campaign-bounces")).bind("id", campaignId)
                .map((rs, ctx) -> new JournalGroup(rs.getString("bounce"), rs.getLong("n"))).list();
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
