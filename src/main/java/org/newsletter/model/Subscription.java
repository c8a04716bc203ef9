package org.newsletter.model;

import java.time.Instant;

/** A subscriber's current standing with one list, and how it came about. */
public record Subscription(String listSlug, SubscriptionStatus status, String how, Instant changedAt) {
}
