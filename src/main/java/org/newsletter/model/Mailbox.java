package org.newsletter.model;

import java.util.Objects;

/** An e-mail address with an optional display name, as in an RFC 5322 {@code mailbox}. */
public record Mailbox(String name, String address) {

    public Mailbox {
        Objects.requireNonNull(address, "address");
        name = name == null ? "" : name;
    }

    /** The part after the last {@code @}: where Message-IDs and List-Ids live. */
    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
