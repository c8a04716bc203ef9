package org.newsletter.model;

import java.time.Instant;

/** A list people subscribe to; {@code slug} is how commands and URLs name it. */
public record MailingList(long id, String slug, String name, String description, boolean doubleOptIn, ListVisibility visibility,
        Instant createdAt) {

    /** Offered on public pages (the subscribe form, other lists on an unsubscribe page). */
    public boolean isPublic() {
        return visibility == ListVisibility.PUBLIC;
    }
}
