package org.newsletter.bounce;

import org.newsletter.model.UserInputException;

/**
 * The bounce mailbox cannot be used: not reachable, login refused, no such folder. The message is one
 * line saying what, where, and what to do; {@code --watch} retries after it, {@code fetch} stops.
 */
public final class BounceMailboxException extends UserInputException {

    BounceMailboxException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
