package org.newsletter.model;

import java.util.List;
import java.util.Optional;

/**
 * What a signed link shows a person about one of their lists: who they are, the list, their status on
 * it (empty when they have none), and the other lists they have a status on.
 */
public record ListMembership(long subscriberId, String email, MailingList list, Optional<SubscriptionStatus> status,
        List<Other> others) {

    public ListMembership {
        others = List.copyOf(others);
    }

    /** Another list of the same person. */
    public record Other(MailingList list, SubscriptionStatus status) {
    }

    public ListMembership withStatus(SubscriptionStatus changed) {
        return new ListMembership(subscriberId, email, list, Optional.of(changed), others);
    }

    public boolean subscribed() {
        return status.filter(s -> s == SubscriptionStatus.SUBSCRIBED).isPresent();
    }
}
