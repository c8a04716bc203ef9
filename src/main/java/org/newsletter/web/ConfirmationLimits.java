package org.newsletter.web;

import java.time.Clock;
import java.time.Duration;

/**
 * How many confirmation emails strangers can have sent: at most 10 requests per client in 10 minutes
 * and 3 per address in an hour. One set of counters serves every page that sends such an email (the
 * subscribe form, the preference centre), so going through another page gains nothing, and nobody can
 * use the site to flood someone's inbox.
 */
final class ConfirmationLimits {

    private static final int KEYS = 100_000;

    private final SlidingWindowLimit perClient;
    private final SlidingWindowLimit perAddress;

    ConfirmationLimits(Clock clock) {
        this.perClient = new SlidingWindowLimit(10, Duration.ofMinutes(10), KEYS, clock);
        this.perAddress = new SlidingWindowLimit(3, Duration.ofHours(1), KEYS, clock);
    }

    /** Counts a request from {@code client} ({@link ClientAddress#of}); false past the client's limit. */
    boolean client(String client) {
        return perClient.tryAcquire(client);
    }

    /** Counts a request for {@code addressKey} ({@code EmailAddress.key()}); false past the address's limit. */
    boolean address(String addressKey) {
        return perAddress.tryAcquire(addressKey);
    }
}
