package org.newsletter.mail;

import java.time.Instant;
import org.newsletter.model.Mailbox;

/** Real campaign messages for the SMTP tests, built by {@link MessageBuilder}: CRLF, 7-bit, multipart. */
final class SmtpTestMessages {

    static final String SENDER = "bounces@news.example.org";

    private SmtpTestMessages() {
    }

    /** A message to {@code recipient} whose HTML part is padded to about {@code approximateBytes}. */
    static OutgoingMessage to(String recipient, int approximateBytes) {
        MessageBuilder builder = new MessageBuilder();
        String messageId = MessageIds.of("news.example.org", "campaign-1", recipient);
        StringBuilder html = new StringBuilder("<h1>August update</h1>\n");
        // A line that starts with a dot, so dot-stuffing is exercised on the way.
        StringBuilder text = new StringBuilder("Hello,\n.this line starts with a dot\n\nThe August update.\n");
        int paragraph = 0;
        while (html.length() + text.length() < approximateBytes * 0.8) {
            html.append("<p>Paragraph ").append(++paragraph)
                    .append(": drop-in sessions, the Co-Pro Cuppa, a survey – and café news.</p>\n");
            text.append("Paragraph ").append(paragraph).append(": drop-in sessions, the Co-Pro Cuppa, a survey.\n");
        }
        MessageSpec spec = new MessageSpec(new Mailbox("Café Network", "news@news.example.org"), null, new Mailbox("", recipient),
                "August update", Instant.parse("2024-08-09T08:00:00Z"), messageId, "news.example.org", "Café Network",
                "https://news.example.org/u/token", "mailto:unsubscribe@news.example.org", text.toString(), html.toString());
        return new OutgoingMessage(SENDER, recipient, messageId, builder.toBytes(builder.build(spec)));
    }

    static OutgoingMessage to(String recipient) {
        return to(recipient, 2_000);
    }
}
