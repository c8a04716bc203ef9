package org.newsletter.model;

/**
 * The user asked for something that cannot be done as asked (an unknown list, an address that is
 * suppressed); the message says what and what to do instead. Printed as one line, exit code 1.
 */
public class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }
}
