package org.newsletter.store;

/** The database could not do what was asked (unreachable, locked too long, corrupt): not the user's input. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
