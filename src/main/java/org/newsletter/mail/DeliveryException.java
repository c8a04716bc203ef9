package org.newsletter.mail;

import java.util.Optional;

/**
 * A message that was not accepted: permanently (5xx, RFC 5321 section 4.2.1) or for now (4xx,
 * a dropped connection, a timeout), with the server's reply when there was one.
 */
public final class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether trying again later can help. */
    public enum Kind { TEMPORARY, PERMANENT }

    private final Kind kind;
    private final transient SmtpReply reply;
    private final boolean channelBroken;
    private final boolean senderRefused;

    public DeliveryException(Kind kind, SmtpReply reply, boolean channelBroken, String message, Throwable cause) {
        this(kind, reply, channelBroken, false, message, cause);
    }

    /** @param senderRefused the server refused MAIL FROM: the sender or the setup, not this recipient, is the problem */
    public DeliveryException(Kind kind, SmtpReply reply, boolean channelBroken, boolean senderRefused, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reply = reply;
        this.channelBroken = channelBroken;
        this.senderRefused = senderRefused;
    }

    /**
     * True when the server refused the envelope sender (MAIL FROM), e.g. "530 5.7.0 Authentication
     * required" or "550 5.7.1 sender rejected": every message would meet the same answer, so a campaign
     * stops instead of failing each recipient, and nobody is suppressed for it.
     */
    public boolean senderRefused() {
        return senderRefused;
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
