package org.newsletter.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.newsletter.mail.MessageSpec;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.model.Mailbox;

/** A confirmation-style message: built like a campaign's, without any list headers. */
class NoticeMessageTest {

    private static final Mailbox FROM = new Mailbox("Café Network – Ünïcode News", "news@example.org");
    private static final Mailbox REPLY_TO = new Mailbox("", "hello@example.org");
    private static final Instant DATE = Instant.parse("2024-08-09T09:30:00Z");

    private final NoticeMessage notice = new NoticeMessage(FROM, REPLY_TO);

    @Test
    void isTheReferenceMessageWithoutListHeaders() throws Exception {
        String text = "Hello,\n\nsomeone asked to subscribe zoë@example.org to Monthly news. Öffnen Sie den Link: "
                + "https://news.example.org/confirm/" + "x".repeat(90) + "\n";
        String html = "<!DOCTYPE html><html><body><p>Hello, <b>Zoë</b> – " + "long line ".repeat(20) + "</p></body></html>";
        Mailbox to = new Mailbox("", "zoe@example.org");
        String subject = "Please confirm your subscription to Monthly news – Ünïcode and a subject long enough to fold";
        OutgoingMessage message = notice.message(to, subject, "confirm.123@example.org", DATE, text, html, "bounces@example.org");

        assertThat(message.envelopeFrom()).isEqualTo("bounces@example.org");
        assertThat(message.recipient()).isEqualTo("zoe@example.org");
        MessageSpec spec = new MessageSpec(FROM, REPLY_TO, to, subject, DATE, "confirm.123@example.org", null, null, null, null, text, html);
        MimeMessage mine = MessageComparison.parse(message.bytes());
        MimeMessage theirs = MessageComparison.reference(spec);
        assertThat(MessageComparison.headerNames(mine)).isEqualTo(MessageComparison.headerNames(theirs))
                .doesNotContain("List-Id", "List-Unsubscribe", "List-Unsubscribe-Post");
        assertThat(mine.getSubject()).isEqualTo(subject);
        assertThat(mine.getFrom()[0].toString()).isEqualTo(theirs.getFrom()[0].toString());
        assertThat(mine.getReplyTo()[0].toString()).isEqualTo("hello@example.org");
        assertThat(mine.getMessageID()).isEqualTo("<confirm.123@example.org>");
        assertThat(mine.getSentDate()).isEqualTo(theirs.getSentDate());
        MessageComparison.assertSameStructure(mine, theirs);
        MessageComparison.assertWireRules(message.bytes(), 76);
    }

    @Test
    void takesItsTextAsItIsEvenWhereItLooksLikeAPersonalSlot() throws Exception {
        OutgoingMessage message = notice.message(new Mailbox("", "ann@example.org"), "Confirm", "c.1@example.org", DATE,
                "Text with @@nl-recipient-name@@ in it", "<p>@@nl-unsubscribe-url@@</p>", "news@example.org");
        MimeMultipart parts = (MimeMultipart) MessageComparison.parse(message.bytes()).getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Text with @@nl-recipient-name@@ in it");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>@@nl-unsubscribe-url@@</p>");
    }

    @Test
    void refusesALineBreakInTheSubject() {
        assertThatThrownBy(() -> notice.message(new Mailbox("", "ann@example.org"), "Hi\r\nBcc: evil@example.org", "c.2@example.org",
                DATE, "t", "<p>h</p>", "news@example.org")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Subject");
    }
}
