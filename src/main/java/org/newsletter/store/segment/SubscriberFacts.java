package org.newsletter.store.segment;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a segment can ask about one subscriber, gathered in memory for {@link SegmentMatcher}.
 *
 * @param emailKey the lower-cased address, as in {@code subscriber.email_key}
 * @param tags the subscriber's tags
 * @param attributes attribute name to value
 * @param statusByListId the status code ({@code pending}, {@code subscribed}, {@code unsubscribed}) of each
 *     list the subscriber has a subscription in
 */
public record SubscriberFacts(
        String emailKey, Set<String> tags, Map<String, String> attributes, Map<Long, String> statusByListId) {

    public SubscriberFacts {
        Objects.requireNonNull(emailKey, "emailKey");
        tags = Set.copyOf(tags);
        attributes = Map.copyOf(attributes);
        statusByListId = Map.copyOf(statusByListId);
    }
}
