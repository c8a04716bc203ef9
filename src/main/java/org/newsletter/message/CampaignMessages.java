package org.newsletter.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.newsletter.mail.HeaderField;
import org.newsletter.mail.HeaderSyntax;
import org.newsletter.mail.HeaderValues;
import org.newsletter.mail.HeaderWords;
import org.newsletter.mail.LeadingDots;
import org.newsletter.mail.MessageDate;
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
 * <p>The layout is {@link AlternativeMessage}'s, with the list headers of RFC 2369, RFC 2919 and
 * RFC 8058; this is the only place List-Unsubscribe is written. Building the bytes by hand rather than
 * through Jakarta Mail makes a message about a hundred times cheaper, which is what a campaign to a
 * million people needs (the tests keep a Jakarta Mail reference and compare the two field for field
 * and part for part):
 * <ul>
 * <li>Both bodies are encoded once, cut at the personal slots ({@link QuotedPrintableStencil}); every
 *     piece ends with a soft line break, so a recipient's values, encoded the same way, slot in
 *     between without re-encoding anything around them.</li>
 * <li>From, Reply-To, Subject, MIME-Version, List-Id and the part headers are written once.</li>
 * <li>Per recipient: To, Date, Message-ID, List-Unsubscribe and the boundary.</li>
 * <li>No line starts with "." (the encoder sees to it in the bodies, and the message says it has checked,
 *     {@link OutgoingMessage#dotSafe()}), so the SMTP client copies it to the wire without a pass over its bytes.</li>
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
        this.senderFields = senderFields(headers.from(), headers.replyTo());
        this.subjectField = subjectField(headers.subject());

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
     * One recipient's message of a campaign (or test run) named {@code campaignKey}: its Message-ID is
     * derived from the key and the address on the sender's domain, so the same message always gets
     * the same ID (RFC 5322 section 3.6.4) and a resend after a crash can be recognised.
     */
    public OutgoingMessage messageFor(Recipient recipient, String campaignKey, String unsubscribeMailto, String envelopeFrom, Instant date) {
        return message(recipient, MessageIds.of(senderDomain, campaignKey, recipient.email()), unsubscribeMailto, envelopeFrom, date);
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
    public OutgoingMessage message(Recipient recipient, String messageId, String unsubscribeMailto, String envelopeFrom,
            Instant date) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(date, "date");
        HeaderValues.requireSingleLine("To", recipient.name());
        HeaderSyntax.requireMessageId(messageId);

        StringBuilder head = new StringBuilder(1024).append(senderFields);
        HeaderField.append(head, "To", HeaderWords.mailbox("To", new Mailbox(recipient.name(), recipient.email())));
        head.append(subjectField);
        appendDateAndId(head, date, messageId);
        head.append(listFields);
        HeaderField.append(head, "List-Unsubscribe", unsubscribeUris(recipient.unsubscribeUrl(), unsubscribeMailto));
        // RFC 8058: a POST to the HTTPS URL unsubscribes at once, without a page to confirm on.
        head.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
        QuotedPrintableStencil.Filled textBody = text.fill(recipient);
        QuotedPrintableStencil.Filled htmlBody = html.fill(recipient);
        byte[] bytes = AlternativeMessage.assemble(head, messageId, textBody, htmlBody);
        // The lines AlternativeMessage adds start with "--", a field name or folding white space.
        boolean dotSafe = LeadingDots.none(head) && textBody.dotSafe() && htmlBody.dotSafe();
        return new OutgoingMessage(envelopeFrom, recipient.email(), messageId, bytes, dotSafe);
    }

    /** From, and Reply-To when its address differs from From's (RFC 5322 section 3.6.2). */
    static String senderFields(Mailbox from, Mailbox replyTo) {
        StringBuilder sender = new StringBuilder();
        HeaderField.append(sender, "From", HeaderWords.mailbox("From", from));
        if (replyTo != null && !replyTo.address().equalsIgnoreCase(from.address())) {
            HeaderField.append(sender, "Reply-To", HeaderWords.mailbox("Reply-To", replyTo));
        }
        return sender.toString();
    }

    static String subjectField(String subject) {
        StringBuilder field = new StringBuilder();
        HeaderField.append(field, "Subject", HeaderWords.unstructured("Subject", subject));
        return field.toString();
    }

    static void appendDateAndId(StringBuilder head, Instant date, String messageId) {
        head.append("Date: ").append(MessageDate.format(date)).append(AlternativeMessage.CRLF);
        head.append("Message-ID: <").append(messageId).append('>').append(AlternativeMessage.CRLF);
    }

    /** RFC 2369 section 2: each URI in angle brackets, comma-separated; a fold may come after the comma. */
    private static List<String> unsubscribeUris(String https, String mailto) {
        String first = "<" + HeaderSyntax.requireUri("List-Unsubscribe", https) + ">";
        if (mailto == null || mailto.isEmpty()) {
            return List.of(first);
        }
        return List.of(first + ",", "<" + HeaderSyntax.requireUri("List-Unsubscribe", mailto) + ">");
    }
}
