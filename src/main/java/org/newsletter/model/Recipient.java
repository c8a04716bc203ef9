package org.newsletter.model;

import java.util.Objects;

/** The personal parts of one message: who it is for and their own unsubscribe link. */
public record Recipient(String name, String email, String unsubscribeUrl) {

    public Recipient {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
        name = name == null ? "" : name;
    }
}
