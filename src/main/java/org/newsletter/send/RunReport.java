package org.newsletter.send;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.newsletter.model.DeliveryState;

/**
 * What one run of a campaign did: outcomes recorded by this process, deliveries it put back in the
 * queue for a sender that had died, and why it stopped early if it did.
 *
 * @param stoppedBecause null when the run went until nothing was left to do, or was asked to stop
 * @param stopRequested  true when it ended because it was asked to ({@link StopRequest}): what was not sent
 *                       is queued for the next run
 * @param leftInFlight   messages that were with the server when the run stopped waiting for them (asked to
 *                       stop at once, or the server took too long): their rows stay {@code sending}, and the
 *                       next run sends them again with the same Message-ID
 */
public record RunReport(Map<DeliveryState, Long> recorded, long skipped, long orphansRequeued, Duration elapsed, String stoppedBecause,
        boolean stopRequested, long leftInFlight) {

    public RunReport {
        Map<DeliveryState, Long> copy = new EnumMap<>(DeliveryState.class);
        copy.putAll(recorded);
        recorded = java.util.Collections.unmodifiableMap(copy);
    }

    public long count(DeliveryState state) {
        return recorded.getOrDefault(state, 0L);
    }

    public long accepted() {
        return count(DeliveryState.ACCEPTED);
    }

    public double perSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : accepted() / seconds;
    }
}
