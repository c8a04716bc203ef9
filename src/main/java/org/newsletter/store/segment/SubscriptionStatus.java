package org.newsletter.store.segment;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a subscriber stands on one list. The codes are the values the {@code subscription.status} column
 * allows (its CHECK constraint), so they are written to and compared with the database as they are.
 */
public enum SubscriptionStatus {
    PENDING,
    SUBSCRIBED,
    UNSUBSCRIBED;

    /** The value stored in {@code subscription.status} and written in segments. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this code, ignoring case; empty for anything else. */
    public static Optional<SubscriptionStatus> fromCode(String code) {
        for (SubscriptionStatus status : values()) {
            if (status.code().equalsIgnoreCase(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
