package org.newsletter.send;

/**
 * Shared between the sender threads: set when the transport cannot be reached even after retries, so
 * the campaign stops cleanly (everything unsent stays queued for a rerun) instead of failing every
 * remaining recipient one by one.
 */
final class TransportHealth {

    private volatile String downReason;

    void markDown(String reason) {
        if (downReason == null) {
            downReason = reason;
        }
    }

    boolean down() {
        return downReason != null;
    }

    String reason() {
        return downReason;
    }
}
