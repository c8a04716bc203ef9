package org.newsletter.store;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.SubscriberDetails;
import org.newsletter.model.Suppression;
import org.newsletter.model.SuppressionReason;

/**
 * Subject-access and erasure requests (UK GDPR articles 15 and 17): everything held about a person,
 * and deleting it while keeping a hashed suppression so no later import brings the address back.
 */
public final class PersonalData {

    /** What is held about one address: their record, if any, and a suppression, if any. */
    public record Held(Optional<SubscriberDetails> details, Optional<Suppression> suppression) {
        public boolean isEmpty() {
            return details.isEmpty() && suppression.isEmpty();
        }
    }

    private final Handle handle;
    private final SubscriberRepository subscribers;
    private final SuppressionRepository suppressions;

    PersonalData(Handle handle, SubscriberRepository subscribers, SuppressionRepository suppressions) {
        this.handle = handle;
        this.subscribers = subscribers;
        this.suppressions = suppressions;
    }

    public Held held(EmailAddress email) {
        return new Held(subscribers.details(email), suppressions.find(email));
    }

    /** Deletes the person and leaves only a hash of the address; true when there was a record to delete. */
    public boolean erase(EmailAddress email) {
        return handle.inTransaction(h -> {
            boolean removed = subscribers.remove(email);
            suppressions.suppress(email, SuppressionReason.ERASED, "", false);
            return removed;
        });
    }
}
