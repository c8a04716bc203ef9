package org.newsletter.model;

import java.util.Objects;

/**
 * The personal parts of one message: who it is for and their own unsubscribe link.
 *
 * @param clickPerson the personal end of the message's click-tracked links when clicks are kept per
 *                    person, else empty
 */
public record Recipient(String name, String email, String unsubscribeUrl, String clickPerson) {

    public Recipient {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
        name = name == null ? "" : name;
        clickPerson = clickPerson == null ? "" : clickPerson;
    }

    /** A recipient whose clicks are not kept: the usual case. */
    public Recipient(String name, String email, String unsubscribeUrl) {
        this(name, email, unsubscribeUrl, "");
    }
}
