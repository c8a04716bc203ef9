package org.newsletter.message;

import org.newsletter.mail.HeaderField;
import org.newsletter.mail.HeaderSyntax;
import org.newsletter.mail.HeaderWords;
import org.newsletter.mail.MessageDate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.newsletter.mail.HeaderValues;
import org.newsletter.mail.MessageIds;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.model.Mailbox;
import org.newsletter.model.Recipient;
import org.newsletter.render.RenderedIssue;
import org.newsletter.render.Slot;

/**
 * Every message of one campaign, as bytes: what all recipients share is encoded once, when the campaign
 * starts, and a recipient costs only their own values and one copy of the rest.
 *
 * <p>The message is the one {@code MessageBuilder} makes with Jakarta Mail, field for field and part for
 * part once decoded: multipart/alternative with text/plain first and text/html last (RFC 2046 section
 * 5.1.4), both UTF-8 and quoted-printable (RFC 2045 section 6.7), the list headers of RFC 2369, RFC 2919
 * and RFC 8058, and the same deterministic boundary. Building it by hand makes a message about a
 * hundred times cheaper, which is what a campaign to a million people needs:
 * <ul>
 * <li>Both bodies are encoded once, cut at the personal slots ({@link QuotedPrintableStencil}); every
 *     piece ends with a soft line break, so a recipient's values, encoded the same way, slot in
 *     between without re-encoding anything around them.</li>
 * <li>From, Reply-To, Subject, MIME-Version, List-Id and the part headers are written once.</li>
 * <li>Per recipient: To, Date, Message-ID, List-Unsubscribe and the boundary.</li>
 * </ul>
 *
 * <p>The bytes are 7-bit with CRLF line ends. Header fields are folded at spaces to at most 76
 * characters a line (RFC 5322 section 2.2.3; 2.1.1 asks for 78, RFC 2047 section 2 for 76 where
 * encoded-words are); non-ASCII names and subjects become RFC 2047 encoded-words. List-Unsubscribe folds
 * between its two URIs but never inside one, since receivers differ on white space in a URI; a URI so long
 * that its line would pass RFC 5322's hard limit of 998 characters is refused. The Date is in UTC.
 *
 * <p>Every value that reaches a header is checked for CR and LF ({@link HeaderValues#requireSingleLine})
 * and for its syntax; a bad one throws {@link IllegalArgumentException}, never a quietly mended header.
 * Instances are immutable and may be shared by sending threads.
 */
public final class CampaignMessages {

    private static final String CRLF = "\r\n";
    private static final String TEXT_PART = "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    private static final String HTML_PART = "Content-Type: text/html; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    /** RFC 2046 section 5.1.1: at most 70 characters. */
    private static final int MAX_BOUNDARY = 70;
    private static final String BOUNDARY_PREFIX = "=_nl_";

    private final String senderFields;
    private final String senderDomain;
    private final String subjectField;
    private final String listFields;
    private final QuotedPrintableStencil text;
    private final QuotedPrintableStencil html;

    public CampaignMessages(RenderedIssue rendered, CampaignHeaders headers) {
        Objects.requireNonNull(rendered, "rendered");
        Objects.requireNonNull(headers, "headers");
        this.senderDomain = headers.from().domain();
        StringBuilder sender = new StringBuilder();
        HeaderField.append(sender, "From", HeaderWords.mailbox("From", headers.from()));
        Mailbox replyTo = headers.replyTo();
        if (replyTo != null && !replyTo.address().equalsIgnoreCase(headers.from().address())) {
            HeaderField.append(sender, "Reply-To", HeaderWords.mailbox("Reply-To", replyTo));
        }
        this.senderFields = sender.toString();

        StringBuilder subject = new StringBuilder();
        HeaderField.append(subject, "Subject", HeaderWords.unstructured("Subject", headers.subject()));
        this.subjectField = subject.toString();

        StringBuilder list = new StringBuilder("MIME-Version: 1.0\r\n");
        List<String> listId = new ArrayList<>();
        if (!headers.listName().isBlank()) {
            listId.addAll(HeaderWords.phrase("List-Id", headers.listName(), true));
        }
        listId.add("<" + HeaderSyntax.requireListId(headers.listId()) + ">");
        HeaderField.append(list, "List-Id", listId);
        this.listFields = list.toString();

        this.text = new QuotedPrintableStencil(rendered.emailText(), Slot::valueFor);
        this.html = new QuotedPrintableStencil(rendered.emailHtml(), Slot::htmlValueFor);
    }

    /**
     * One recipient's complete message.
     *
     * @param recipient         who it is for: name and address for To, and the values of the body's slots
     * @param messageId         the Message-ID without angle brackets, e.g. from {@code MessageIds.of}
     * @param unsubscribeMailto the {@code mailto:} alternative in List-Unsubscribe (RFC 2369), or null or
     *                          empty for the HTTPS one-click URL (RFC 8058) alone
     * @param envelopeFrom      the SMTP MAIL FROM address (a VERP address when bounces are tracked)
     * @param date              the Date header, to the second
     */
    /**
     * One recipient's message of a campaign (or test run) named {@code campaignKey}: its Message-ID is
     * derived from the key and the address on the sender's domain, so the same message always gets
     * the same ID (RFC 5322 section 3.6.4) and a resend after a crash can be recognised.
     */
    public OutgoingMessage messageFor(Recipient recipient, String campaignKey, String unsubscribeMailto, String envelopeFrom, Instant date) {
        return message(recipient, MessageIds.of(senderDomain, campaignKey, recipient.email()), unsubscribeMailto, envelopeFrom, date);
    }

    public OutgoingMessage message(Recipient recipient, String messageId, String unsubscribeMailto, String envelopeFrom,
            Instant date) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(date, "date");
        HeaderValues.requireSingleLine("To", recipient.name());
        HeaderSyntax.requireMessageId(messageId);
        String boundary = boundaryFor(messageId);

        StringBuilder head = new StringBuilder(1024).append(senderFields);
        HeaderField.append(head, "To", HeaderWords.mailbox("To", new Mailbox(recipient.name(), recipient.email())));
        head.append(subjectField);
        head.append("Date: ").append(MessageDate.format(date)).append(CRLF);
        head.append("Message-ID: <").append(messageId).append('>').append(CRLF);
        head.append(listFields);
        HeaderField.append(head, "List-Unsubscribe", unsubscribeUris(recipient.unsubscribeUrl(), unsubscribeMailto));
        // RFC 8058: a POST to the HTTPS URL unsubscribes at once, without a page to confirm on.
        head.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
        head.append("Content-Type: multipart/alternative;\r\n boundary=\"").append(boundary).append('"').append(CRLF);
        head.append(CRLF).append("--").append(boundary).append(CRLF).append(TEXT_PART);
        byte[] start = ascii(head);
        byte[] middle = ascii(new StringBuilder(CRLF).append("--").append(boundary).append(CRLF).append(HTML_PART));
        byte[] end = ascii(new StringBuilder(CRLF).append("--").append(boundary).append("--").append(CRLF));

        QuotedPrintableStencil.Filled textBody = text.fill(recipient);
        QuotedPrintableStencil.Filled htmlBody = html.fill(recipient);
        byte[] bytes = new byte[start.length + textBody.length() + middle.length + htmlBody.length() + end.length];
        System.arraycopy(start, 0, bytes, 0, start.length);
        int at = textBody.writeTo(bytes, start.length);
        System.arraycopy(middle, 0, bytes, at, middle.length);
        at = htmlBody.writeTo(bytes, at + middle.length);
        System.arraycopy(end, 0, bytes, at, end.length);
        return new OutgoingMessage(envelopeFrom, recipient.email(), messageId, bytes);
    }

    /** RFC 2369 section 2: each URI in angle brackets, comma-separated; a fold may come after the comma. */
    private static List<String> unsubscribeUris(String https, String mailto) {
        String first = "<" + HeaderSyntax.requireUri("List-Unsubscribe", https) + ">";
        if (mailto == null || mailto.isEmpty()) {
            return List.of(first);
        }
        return List.of(first + ",", "<" + HeaderSyntax.requireUri("List-Unsubscribe", mailto) + ">");
    }

    /**
     * As {@code MessageBuilder}: "=_nl_" and the Message-ID's left part, so the same message is the same
     * bytes every time. A quoted-printable body can never contain "=_" ("=" is followed by two hex digits
     * or a line break), so it can never contain the boundary. A left part with characters RFC 2046
     * section 5.1.1 does not allow in a boundary, or too long for one, is replaced by a hash of the ID.
     */
    static String boundaryFor(String messageId) {
        String left = messageId.substring(0, messageId.lastIndexOf('@'));
        if (BOUNDARY_PREFIX.length() + left.length() <= MAX_BOUNDARY && left.chars().allMatch(CampaignMessages::isBoundaryChar)) {
            return BOUNDARY_PREFIX + left;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return BOUNDARY_PREFIX + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** RFC 2046 section 5.1.1 bchars, without the space. */
    private static boolean isBoundaryChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "'()+_,-./:=?".indexOf(c) >= 0;
    }

    /** The header text as bytes; every value was checked or encoded to ASCII, and this proves it. */
    private static byte[] ascii(CharSequence text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c > 0x7F) {
                throw new IllegalStateException("non-ASCII character U+" + Integer.toHexString(c) + " in a header");
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }
}
