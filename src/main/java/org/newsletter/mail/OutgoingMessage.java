package org.newsletter.mail;

import java.util.Objects;

/**
 * One message on its way out: the SMTP envelope (RFC 5321 section 3.3: who bounces go to, who it is
 * delivered to) and the exact bytes of the message, CRLF line ends, as they go on the wire.
 *
 * @param envelopeFrom the MAIL FROM address (a VERP address when bounces are tracked), without brackets
 * @param recipient    the RCPT TO address
 * @param messageId    the Message-ID header value without angle brackets, for logs and the journal
 * @param bytes        the whole RFC 5322 message: headers, blank line, body
 * @param dotSafe      true when no line of {@code bytes} starts with "." ({@link LeadingDots#none}), so SMTP's
 *                     transparency procedure has nothing to change; whoever says so has checked it. False
 *                     when unknown: the transport then looks at every line.
 */
public record OutgoingMessage(String envelopeFrom, String recipient, String messageId, byte[] bytes, boolean dotSafe) {

    /** A message whose lines have not been checked for leading dots. */
    public OutgoingMessage(String envelopeFrom, String recipient, String messageId, byte[] bytes) {
        this(envelopeFrom, recipient, messageId, bytes, false);
    }

    public OutgoingMessage {
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(bytes, "bytes");
        HeaderValues.requireSingleLine("envelope sender", envelopeFrom);
        HeaderValues.requireSingleLine("recipient", recipient);
    }

    /**
     * This message with header fields added at its top (a DKIM-Signature): {@code signed} must be these
     * bytes with fields before them, whose lines start with a field name or folding white space, so
     * whether a line starts with a dot does not change.
     */
    public OutgoingMessage withFieldsAdded(byte[] signed) {
        return new OutgoingMessage(envelopeFrom, recipient, messageId, signed, dotSafe);
    }
}
