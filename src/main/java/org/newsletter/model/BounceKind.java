package org.newsletter.model;

import java.util.Arrays;
import java.util.Locale;

/** What a message in the bounce mailbox said about a recipient, and so what is done about it. */
public enum BounceKind {
    /** A permanent failure (RFC 3463 class 5, e.g. 5.1.1 no such user): the address is suppressed. */
    HARD_BOUNCE,
    /** A persistent transient failure (RFC 3463 class 4, e.g. 4.2.2 mailbox full): counted; suppressed past the limit. */
    SOFT_BOUNCE,
    /** The recipient reported the message as spam (an RFC 5965 feedback report): unsubscribed and suppressed. */
    COMPLAINT,
    /** The recipient mailed the List-Unsubscribe address (RFC 2369): unsubscribed from that list. */
    UNSUBSCRIBE;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static BounceKind fromWord(String word) {
        return Arrays.stream(values()).filter(k -> k.word().equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown bounce kind '" + word + "'"));
    }
}
