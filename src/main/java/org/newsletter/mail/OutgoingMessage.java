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
 */
public record OutgoingMessage(String envelopeFrom, String recipient, String messageId, byte[] bytes) {

    public OutgoingMessage {
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(bytes, "bytes");
        HeaderValues.requireSingleLine("envelope sender", envelopeFrom);
        HeaderValues.requireSingleLine("recipient", recipient);
    }
}
