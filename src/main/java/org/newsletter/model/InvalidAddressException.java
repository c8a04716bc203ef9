package org.newsletter.model;

/**
 * An e-mail address we will not accept. The message is a short reason meant for the person who typed
 * or imported the address ("no @", "spaces are not allowed"); callers add the address and where it came from.
 */
public class InvalidAddressException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidAddressException(String reason) {
        super(reason);
    }

    /** The short human reason; the same text as {@link #getMessage()}. */
    public String reason() {
        return getMessage();
    }
}
