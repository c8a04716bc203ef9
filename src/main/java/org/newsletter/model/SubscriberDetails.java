package org.newsletter.model;

import java.util.List;
import java.util.Optional;

/** Everything held about one person: for 'subscribers show' and privacy exports. */
public record SubscriberDetails(
        Subscriber subscriber,
        List<Subscription> subscriptions,
        List<SubscriptionChange> history,
        Optional<Suppression> suppression) {

    public SubscriberDetails {
        subscriptions = List.copyOf(subscriptions);
        history = List.copyOf(history);
    }
}
