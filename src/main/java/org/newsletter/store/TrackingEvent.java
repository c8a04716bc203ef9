package org.newsletter.store;

import java.time.Instant;

/**
 * One request to a tracked address, as the click redirect and the counted image queue it for writing.
 *
 * @param linkIndex    the link followed, or {@link #IMAGE} for a load of the campaign's image
 * @param subscriberId who followed it ({@code per_person} only), else 0
 */
public record TrackingEvent(long campaignId, int linkIndex, long subscriberId, boolean automated, Instant at) {

    public static final int IMAGE = -1;

    public static TrackingEvent click(long campaignId, int linkIndex, long subscriberId, boolean automated, Instant at) {
        if (linkIndex < 0) {
            throw new IllegalArgumentException("a link index is 0 or more");
        }
        return new TrackingEvent(campaignId, linkIndex, subscriberId, automated, at);
    }

    public static TrackingEvent imageLoad(long campaignId, boolean automated, Instant at) {
        return new TrackingEvent(campaignId, IMAGE, 0, automated, at);
    }
}
