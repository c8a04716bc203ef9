package org.newsletter.store;

import org.newsletter.model.MailingList;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.segment.Segment;

/** Which subscribers to list or export: all, or those on a list, with a status, matching a segment. */
public record SubscriberQuery(MailingList list, SubscriptionStatus status, Segment segment) {

    public static SubscriberQuery everyone() {
        return new SubscriberQuery(null, null, null);
    }
}
