package org.newsletter.model;

/**
 * Text that is not a calendar date. The message says what is wrong in words a person can act on
 * ("2024-11-31: November has 30 days"); callers add where the text came from.
 */
public class InvalidDateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /** {@code text} has the shape of a date but names none, for {@code reason} ("November has 30 days"). */
    public InvalidDateException(String text, String reason) {
        super(text + ": " + reason);
        this.reason = reason;
    }

    /** {@code message} says everything, e.g. that the text is not shaped like a date at all. */
    public InvalidDateException(String message) {
        super(message);
        this.reason = message;
    }

    /** Why, without the text itself: "there is no month 13". */
    public String reason() {
        return reason;
    }
}
