package org.newsletter.store;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.DeliveryRecord;
import org.newsletter.model.DeliveryState;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.SubscriberDetails;
import org.newsletter.model.Suppression;
import org.newsletter.model.SuppressionReason;
import org.newsletter.model.WithdrawnConsent;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;

/**
 * Subject-access and erasure requests (UK GDPR articles 15 and 17): everything held about a person,
 * and deleting it while keeping a hashed suppression (and the lists the person left, hashed too) so no
 * later import brings the address back.
 */
public final class PersonalData {

    /**
     * What is held about one address: their record, if any, a suppression, if any, the lists they
     * left before their record was removed (kept by a hash of the address), what each campaign sent
     * them, the bounce reports, complaints and mailed unsubscribes about them, and the links they followed
     * (kept only when {@code tracking.clicks} is {@code per_person}).
     */
    public record Held(Optional<SubscriberDetails> details, Optional<Suppression> suppression, java.util.List<WithdrawnConsent> withdrawnConsent,
            java.util.List<DeliveryRecord> deliveries, java.util.List<BounceRepository.Entry> bounces,
            java.util.List<org.newsletter.model.ClickRecord> clicks) {
        public boolean isEmpty() {
            return details.isEmpty() && suppression.isEmpty() && withdrawnConsent.isEmpty();
        }
    }

    private final Handle handle;
    private final SubscriberRepository subscribers;
    private final SuppressionRepository suppressions;

    private final Sql sql;

    private final BounceRepository bounces;

    private final WithdrawnConsents withdrawn;

    private final TrackingRepository tracking;

    PersonalData(Handle handle, Sql sql, SubscriberRepository subscribers, SuppressionRepository suppressions, WithdrawnConsents withdrawn,
            BounceRepository bounces, TrackingRepository tracking) {
        this.tracking = tracking;
        this.withdrawn = withdrawn;
        this.handle = handle;
        this.bounces = bounces;
        this.sql = sql;
        this.subscribers = subscribers;
        this.suppressions = suppressions;
    }

    public Held held(EmailAddress email) {
        var deliveries = handle.createQuery(sql.get("deliveries-of")).bind("key", email.key())
                .map((rs, ctx) -> new DeliveryRecord(rs.getLong("campaign_id"), rs.getString("issue"), rs.getString("list_slug"),
                        DeliveryState.fromWord(rs.getString("state")).word(), rs.getString("message_id"), rs.getString("reply"), rs.getInt("attempts"),
                        Rows.instant(rs, "updated_at"), rs.getString("bounce")))
                .list();
        return new Held(subscribers.details(email), suppressions.find(email), withdrawn.of(email), deliveries, bounces.of(email),
                tracking.clicksOf(email));
    }

    /**
     * Deletes the person (their campaign journal rows and kept clicks go with them) and leaves only a hash of the
     * address: the suppression, and a marker for each list they had left, as a removal does; true
     * when there was a record to delete.
     */
    public boolean erase(EmailAddress email) {
        return handle.inTransaction(h -> {
            tracking.eraseClicksOf(email); // the foreign key would take them with the person too; this says so here
            boolean removed = subscribers.remove(email);
            suppressions.suppress(email, SuppressionReason.ERASED, "", false);
            return removed;
        });
    }
}
