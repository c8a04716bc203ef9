package org.newsletter.store;

/** What adding someone to a list did. */
public enum AddOutcome {
    /** A new person, now subscribed. */
    ADDED,
    /** Known already, now subscribed to this list (or confirmed from pending). */
    SUBSCRIBED,
    /** Was already subscribed to this list. */
    ALREADY_SUBSCRIBED
}
