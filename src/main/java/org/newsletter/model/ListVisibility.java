package org.newsletter.model;

import java.util.Locale;

/**
 * Whether a list is offered to the public. A private list (staff, members) appears on no public page:
 * not on the subscribe form, not among "your other lists" on an unsubscribe page; only a person
 * unsubscribing from that very list sees its name.
 */
public enum ListVisibility {
    PUBLIC,
    PRIVATE;

    /** The word stored in the database and shown to users. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ListVisibility fromWord(String word) {
        for (ListVisibility visibility : values()) {
            if (visibility.word().equalsIgnoreCase(word.strip())) {
                return visibility;
            }
        }
        throw new IllegalArgumentException("unknown list visibility '" + word + "'; use public or private");
    }
}
