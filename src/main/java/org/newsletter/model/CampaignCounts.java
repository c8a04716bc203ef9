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

    /** Still to do: queued or in flight. */
    public long remaining() {
        return get(DeliveryState.QUEUED) + get(DeliveryState.SENDING);
    }
}
