package org.newsletter.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where one recipient of a campaign stands (DESIGN.md "Storage": the delivery journal). */
public enum DeliveryState {
    /** Waiting to be sent, first time or again after a temporary failure. */
    QUEUED,
    /** Handed to a sender process: in flight until the server's answer is recorded. */
    SENDING,
    /** The server accepted it; its reply is kept. */
    ACCEPTED,
    /** Temporary failures until the retry limit: {@code campaigns retry} tries these again. */
    FAILED_TEMPORARY,
    /** Refused for good (5xx). */
    FAILED_PERMANENT,
    /** Not sent: the person unsubscribed, was suppressed or erased after the campaign began. */
    SKIPPED;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<DeliveryState> find(String word) {
        return Arrays.stream(values()).filter(s -> s.word().equals(word)).findFirst();
    }

    public static DeliveryState fromWord(String word) {
        return find(word).orElseThrow(() -> new IllegalArgumentException("unknown delivery state '" + word + "'"));
    }

    /** No more work will happen on it in this campaign unless someone retries it. */
    public boolean settled() {
        return this != QUEUED && this != SENDING;
    }
}
