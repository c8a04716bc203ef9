package org.newsletter.model;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What became of a campaign's messages, as the journal holds it: the delivery states, what came back
 * after delivery (each person counted once per kind), and the unsubscribes that came from it.
 *
 * @param unsubscribes the readers who left the campaign's list with the message's own means within
 *                     {@link #UNSUBSCRIBE_WINDOW} of receiving it, oldest first
 */
public record CampaignOutcome(CampaignCounts counts, Map<BounceKind, Long> bounces, List<Unsubscribe> unsubscribes) {

    /** How long after delivery an unsubscribe still counts as the campaign's doing. */
    public static final Duration UNSUBSCRIBE_WINDOW = Duration.ofDays(7);

    /** One reader leaving: when, and how ("one-click (RFC 8058)", "unsubscribe page", …). */
    public record Unsubscribe(Instant at, String how) {
    }

    public CampaignOutcome {
        EnumMap<BounceKind, Long> copy = new EnumMap<>(BounceKind.class);
        for (BounceKind kind : BounceKind.values()) {
            copy.put(kind, bounces.getOrDefault(kind, 0L));
        }
        bounces = java.util.Collections.unmodifiableMap(copy);
        unsubscribes = List.copyOf(unsubscribes);
    }

    public long accepted() {
        return counts.get(DeliveryState.ACCEPTED);
    }

    public long failed() {
        return counts.get(DeliveryState.FAILED_PERMANENT) + counts.get(DeliveryState.FAILED_TEMPORARY);
    }

    /** Messages the server answered: accepted or refused. */
    public long attempted() {
        return accepted() + failed();
    }

    public long bounces(BounceKind kind) {
        return bounces.get(kind);
    }

    /** {@code part} of {@code whole} in per cent; 0 when there is no whole. */
    public static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
