package org.newsletter.model;

import java.time.Instant;

/** What the journal holds about one person in one campaign, for privacy exports; {@code state} is a {@link DeliveryState#word()}. */
public record DeliveryRecord(long campaignId, String issue, String listSlug, String state, String messageId, String reply, int attempts,
        Instant updatedAt) {
}
