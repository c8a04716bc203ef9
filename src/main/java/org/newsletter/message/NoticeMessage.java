package org.newsletter.message;

import java.time.Instant;
import java.util.Objects;
import org.newsletter.mail.HeaderField;
import org.newsletter.mail.HeaderSyntax;
import org.newsletter.mail.HeaderValues;
import org.newsletter.mail.HeaderWords;
import org.newsletter.mail.LeadingDots;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.model.Mailbox;
import org.newsletter.model.Recipient;
import org.newsletter.render.Slot;
import org.newsletter.render.Stencil;

/**
 * A message to one person that belongs to no list, such as the double opt-in confirmation: the same
 * layout and header encoding as a campaign's ({@link AlternativeMessage}, {@link CampaignMessages}), but
 * no List-Id or List-Unsubscribe, since there is nothing to leave (RFC 2369 list headers describe a
 * list the reader is on).
 *
 * @param from    the From mailbox
 * @param replyTo where replies go, written only when its address differs from {@code from}'s; may be null
 */
public record NoticeMessage(Mailbox from, Mailbox replyTo) {

    public NoticeMessage {
        Objects.requireNonNull(from, "from");
    }

    /**
     * The message, with {@code text} and {@code html} taken as they are (nothing in them is a slot).
     *
     * @param messageId    without angle brackets, on the sender's domain
     * @param envelopeFrom the SMTP MAIL FROM address
     */
    public OutgoingMessage message(Mailbox to, String subject, String messageId, Instant date, String text, String html,
            String envelopeFrom) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(date, "date");
        HeaderValues.requireSingleLine("Subject", subject);
        HeaderSyntax.requireMessageId(messageId);
        StringBuilder head = new StringBuilder(512).append(CampaignMessages.senderFields(from, replyTo));
        HeaderField.append(head, "To", HeaderWords.mailbox("To", to));
        head.append(CampaignMessages.subjectField(subject));
        CampaignMessages.appendDateAndId(head, date, messageId);
        head.append("MIME-Version: 1.0\r\n");
        Recipient nobody = new Recipient(to.name(), to.address(), "");
        QuotedPrintableStencil.Filled textBody = new QuotedPrintableStencil(Stencil.literal(text), Slot::valueFor).fill(nobody);
        QuotedPrintableStencil.Filled htmlBody = new QuotedPrintableStencil(Stencil.literal(html), Slot::htmlValueFor).fill(nobody);
        byte[] bytes = AlternativeMessage.assemble(head, messageId, textBody, htmlBody);
        return new OutgoingMessage(envelopeFrom, to.address(), messageId, bytes, LeadingDots.none(head) && textBody.dotSafe() && htmlBody.dotSafe());
    }
}
