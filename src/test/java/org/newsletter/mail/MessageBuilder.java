package org.newsletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.newsletter.model.Mailbox;

/**
 * Builds the simplest MIME structure a newsletter needs: multipart/alternative with text/plain first
 * and text/html last (RFC 2046 section 5.1.4: the last part is the preferred one), both UTF-8 and
 * quoted-printable (lines of at most 76 characters, RFC 2045 section 6.7), with the list headers of
 * RFC 2369, RFC 2919 and RFC 8058.
 *
 * <p>The tool itself builds every message with {@code message.CampaignMessages} (and
 * {@code message.NoticeMessage}), which encode what recipients share once and are about a hundred times
 * faster. This is the straightforward Jakarta Mail reference, kept with the tests: they compare the two
 * field by field and part by part, and the message benchmark uses it as its baseline.
 */
public final class MessageBuilder {

    private final Session session;

    public MessageBuilder() {
        Properties properties = new Properties();
        // Encode non-ASCII header text as RFC 2047 encoded-words, never raw UTF-8.
        properties.setProperty("mail.mime.allowutf8", "false");
        this.session = Session.getInstance(properties);
    }

    public MimeMessage build(MessageSpec spec) {
        try {
            MimeMessage message = new FixedIdMessage(session, "<" + HeaderValues.requireSingleLine("Message-ID", spec.messageId()) + ">");
            message.setFrom(address("From", spec.from()));
            if (spec.replyTo() != null && !spec.replyTo().address().equalsIgnoreCase(spec.from().address())) {
                message.setReplyTo(new InternetAddress[] {address("Reply-To", spec.replyTo())});
            }
            message.setRecipient(MimeMessage.RecipientType.TO, address("To", spec.to()));
            message.setSubject(HeaderValues.requireSingleLine("Subject", spec.subject()), "UTF-8");
            message.setSentDate(Date.from(spec.date()));
            if (spec.listId() != null) {
                String phrase = spec.listName() == null || spec.listName().isBlank() ? ""
                        : quotedPhrase(HeaderValues.requireSingleLine("List-Id", spec.listName())) + " ";
                message.setHeader("List-Id", phrase + "<" + HeaderValues.requireSingleLine("List-Id", spec.listId()) + ">");
            }
            if (spec.unsubscribeUrl() != null) {
                String https = "<" + HeaderValues.requireSingleLine("List-Unsubscribe", spec.unsubscribeUrl()) + ">";
                String mailto = spec.unsubscribeMailto() == null || spec.unsubscribeMailto().isEmpty() ? ""
                        : ", <" + HeaderValues.requireSingleLine("List-Unsubscribe", spec.unsubscribeMailto()) + ">";
                message.setHeader("List-Unsubscribe", https + mailto);
                // RFC 8058: tells the mailbox provider a POST to the HTTPS URL unsubscribes without a page.
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            MimeMultipart alternative = new AlternativeParts(boundaryFor(spec.messageId()));
            alternative.addBodyPart(part(spec.text(), "plain"));
            alternative.addBodyPart(part(spec.html(), "html"));
            message.setContent(alternative);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot build message to " + spec.to().address() + ": " + e.getMessage(), e);
        }
    }

    /** The message as the bytes of an .eml file (CRLF line ends, as on the wire). */
    public byte[] toBytes(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot serialise message: " + e.getMessage(), e);
        }
    }

    private static MimeBodyPart part(String body, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, StandardCharsets.UTF_8.name(), subtype);
        // Quoted-printable keeps the text readable in the raw source and survives 7-bit relays.
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    private static InternetAddress address(String header, Mailbox mailbox) throws MessagingException {
        HeaderValues.requireSingleLine(header, mailbox.name());
        HeaderValues.requireSingleLine(header, mailbox.address());
        try {
            InternetAddress address = new InternetAddress(mailbox.address(), mailbox.name().isBlank() ? null : mailbox.name(), "UTF-8");
            address.validate();
            return address;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** RFC 5322 quoted-string for the List-Id phrase; non-ASCII is RFC 2047 encoded. */
    private static String quotedPhrase(String phrase) {
        try {
            String encoded = jakarta.mail.internet.MimeUtility.encodeWord(phrase, "UTF-8", "Q");
            if (!encoded.equals(phrase)) {
                return encoded;
            }
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        return "\"" + phrase.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * A boundary derived from the Message-ID, so the same message is the same bytes every time. It
     * starts with "=_", which quoted-printable bodies can never contain (RFC 2045 section 6.7).
     */
    private static String boundaryFor(String messageId) {
        return "=_nl_" + messageId.substring(0, messageId.indexOf('@'));
    }

    /** multipart/alternative with a boundary we choose instead of Jakarta Mail's time-based one. */
    private static final class AlternativeParts extends MimeMultipart {
        AlternativeParts(String boundary) throws MessagingException {
            super("alternative");
            ContentType type = new ContentType(contentType);
            type.setParameter("boundary", boundary);
            contentType = type.toString();
        }
    }

    /** Keeps our deterministic Message-ID instead of the random one Jakarta Mail assigns in saveChanges(). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
