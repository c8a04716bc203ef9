package org.newsletter.model;

import java.util.EnumMap;
import java.util.Map;

/** How many of a campaign's recipients are in each delivery state. */
public record CampaignCounts(Map<DeliveryState, Long> byState) {

    public CampaignCounts {
        EnumMap<DeliveryState, Long> copy = new EnumMap<>(DeliveryState.class);
        for (DeliveryState state : DeliveryState.values()) {
            copy.put(state, byState.getOrDefault(state, 0L));
        }
        byState = java.util.Collections.unmodifiableMap(copy);
    }

    public long get(DeliveryState state) {
        return byState.get(state);
    }

    public long total() {
        return byState.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Of a campaign's {@code audience}, how many have no journal row any more: people removed or
     * erased since it began, whose rows went with them. With it the counts add up to the audience.
     */
    public long removedFrom(long audience) {
        return Math.max(0, audience - total());
    }

    /** Still to do: queued or in flight. */
    public long remaining() {
        return get(DeliveryState.QUEUED) + get(DeliveryState.SENDING);
    }
}
