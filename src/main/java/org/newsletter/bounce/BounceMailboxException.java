package org.newsletter.bounce;

import org.newsletter.model.UserInputException;

/**
 * The bounce mailbox cannot be used: not reachable, login refused, no such folder. The message is one
 * line saying what, where, and what to do. {@code fetch} stops; {@code --watch} tries again after a
 * failure that may pass (the server down, the network gone) and stops after one that needs a person
 * (a refused login, a missing folder, a certificate not accepted).
 */
public final class BounceMailboxException extends UserInputException {

    private static final long serialVersionUID = 1L;

    private final boolean needsAPerson;

    BounceMailboxException(String message, Throwable cause, boolean needsAPerson) {
        super(message);
        initCause(cause);
        this.needsAPerson = needsAPerson;
    }

    /** Trying again cannot help: the configuration, the password or the server must change first. */
    public boolean needsAPerson() {
        return needsAPerson;
    }
}
