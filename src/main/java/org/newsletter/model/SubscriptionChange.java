package org.newsletter.model;

import java.time.Instant;

/** One entry of a subscriber's history: a list's status changed, how and when. */
public record SubscriptionChange(String listSlug, SubscriptionStatus status, String how, Instant at) {
}
