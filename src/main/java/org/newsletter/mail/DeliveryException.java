package org.newsletter.mail;

import java.util.Optional;

/**
 * A message that was not accepted: permanently (5xx, RFC 5321 section 4.2.1) or for now (4xx,
 * a dropped connection, a timeout), with the server's reply when there was one.
 */
public final class DeliveryException extends Exception {

    /** Whether trying again later can help. */
    public enum Kind { TEMPORARY, PERMANENT }

    private final Kind kind;
    private final transient SmtpReply reply;
    private final boolean channelBroken;

    public DeliveryException(Kind kind, SmtpReply reply, boolean channelBroken, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reply = reply;
        this.channelBroken = channelBroken;
    }

    public Kind kind() {
        return kind;
    }

    public boolean permanent() {
        return kind == Kind.PERMANENT;
    }

    /** The server's reply, if it got as far as replying. */
    public Optional<SmtpReply> reply() {
        return Optional.ofNullable(reply);
    }

    /** True when the connection is gone or in an unknown state and must be reopened before the next message. */
    public boolean channelBroken() {
        return channelBroken;
    }
}
