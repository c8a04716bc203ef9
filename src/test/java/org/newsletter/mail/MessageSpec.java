package org.newsletter.mail;

import java.time.Instant;
import java.util.Objects;
import org.newsletter.model.Mailbox;

/**
 * Everything one outgoing campaign message is made of.
 *
 * @param messageId         without angle brackets: {@code local@domain}
 * @param listId            RFC 2919 identifier without brackets, e.g. {@code news.example.org}
 * @param listName          the List-Id's human-readable phrase
 * @param unsubscribeUrl    the HTTPS one-click URL (RFC 8058)
 * @param unsubscribeMailto the {@code mailto:} alternative (RFC 2369), or empty
 */
public record MessageSpec(
        Mailbox from,
        Mailbox replyTo,
        Mailbox to,
        String subject,
        Instant date,
        String messageId,
        String listId,
        String listName,
        String unsubscribeUrl,
        String unsubscribeMailto,
        String text,
        String html) {

    public MessageSpec {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }
}
