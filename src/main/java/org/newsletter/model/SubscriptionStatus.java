package org.newsletter.model;

import java.util.Locale;

/** Where a subscriber stands with one list. */
public enum SubscriptionStatus {
    /** Asked to join a double opt-in list and has not confirmed yet: never mailed a campaign. */
    PENDING,
    SUBSCRIBED,
    /** Left the list; only the person can undo this. */
    UNSUBSCRIBED;

    /** The word stored in the database and shown to users. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a word names, ignoring case, if any. */
    public static java.util.Optional<SubscriptionStatus> find(String word) {
        for (SubscriptionStatus status : values()) {
            if (status.word().equalsIgnoreCase(word.strip())) {
                return java.util.Optional.of(status);
            }
        }
        return java.util.Optional.empty();
    }

    public static SubscriptionStatus fromWord(String word) {
        for (SubscriptionStatus status : values()) {
            if (status.word().equalsIgnoreCase(word.strip())) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status '" + word + "'; use pending, subscribed or unsubscribed");
    }
}
