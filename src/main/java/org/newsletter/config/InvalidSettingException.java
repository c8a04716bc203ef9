package org.newsletter.config;

import org.newsletter.model.UserInputException;

/**
 * A setting given on the command line (to {@code newsletter init}) that cannot be used; the message
 * starts with the option and says what to give instead. The command line reports it as a usage error.
 */
public class InvalidSettingException extends UserInputException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }
}
