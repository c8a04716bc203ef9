package org.newsletter.model;

import java.time.Instant;

/**
 * That a person left a list: how and when. {@code marker} is true when this is what was kept, by a
 * hash of the address, after the person's record was removed or erased; it binds staff and imports
 * just as the unsubscribe did.
 */
public record WithdrawnConsent(String listSlug, String how, Instant at, boolean marker) {

    public WithdrawnConsent {
        how = how == null ? "" : how;
    }

    /** "unsubscribed from 'news' on 2024-08-03 (one-click (RFC 8058))", for refusals: what and when. */
    public String reason() {
        return "unsubscribed from '" + listSlug + "' on " + at.toString().substring(0, 10) + (how.isEmpty() ? "" : " (" + how + ")")
                + (marker ? " before being removed" : "");
    }
}
