package org.newsletter.model;

import java.time.Instant;

/**
 * What the journal holds about one person in one campaign, for privacy exports; {@code state} is a
 * {@link DeliveryState#word()}, {@code bounce} what came back after delivery (empty when nothing did).
 */
public record DeliveryRecord(long campaignId, String issue, String listSlug, String state, String messageId, String reply, int attempts,
        Instant updatedAt, String bounce) {
}
