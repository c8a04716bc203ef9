package org.newsletter.model;

import java.time.Instant;

/**
 * A list people subscribe to; {@code slug} is how commands and URLs name it. {@code language} is a
 * BCP 47 tag its reader pages and confirmation emails speak, or empty for the workspace's language.
 */
public record MailingList(long id, String slug, String name, String description, boolean doubleOptIn, ListVisibility visibility,
        Instant createdAt, String language) {

    public MailingList {
        language = language == null ? "" : language;
    }

    /** A list in the workspace's language. */
    public MailingList(long id, String slug, String name, String description, boolean doubleOptIn, ListVisibility visibility,
            Instant createdAt) {
        this(id, slug, name, description, doubleOptIn, visibility, createdAt, "");
    }

    /** Offered on public pages (the subscribe form, other lists on an unsubscribe page). */
    public boolean isPublic() {
        return visibility == ListVisibility.PUBLIC;
    }
}
