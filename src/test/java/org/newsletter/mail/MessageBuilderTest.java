package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.newsletter.model.Mailbox;

class MessageBuilderTest {

    private static MessageSpec spec(String subject, Mailbox to) {
        return new MessageSpec(new Mailbox("Café Network", "news@example.org"), null, to, subject,
                Instant.parse("2024-08-09T08:00:00Z"), MessageIds.of("example.org", "c1", to.address()),
                "news.example.org", "Café Network", "https://news.example.org/u/t", "mailto:news@example.org?subject=unsubscribe",
                "Hello – text", "<p>Hello – html</p>");
    }

    @Test
    void nonAsciiSubjectAndNamesAreEncodedWords() throws Exception {
        MessageBuilder builder = new MessageBuilder();
        byte[] raw = builder.toBytes(builder.build(spec("Café update – août", new Mailbox("Zoë", "zoe@example.org"))));
        String wire = new String(raw, StandardCharsets.US_ASCII);
        assertThat(wire).contains("Subject: =?UTF-8?").doesNotContain("Café update");
        assertThat(wire).contains("From: =?UTF-8?").contains("List-Id: =?UTF-8?");
        MimeMessage back = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertThat(back.getSubject()).isEqualTo("Café update – août");
        assertThat(MimeUtility.decodeText(back.getHeader("From", null))).isEqualTo("Café Network <news@example.org>");
    }

    @Test
    void lineBreaksInHeaderValuesAreRefusedNotStripped() {
        MessageBuilder builder = new MessageBuilder();
        assertThatThrownBy(() -> builder.build(spec("Hi\r\nBcc: victim@example.org", new Mailbox("", "a@example.org"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Subject must be a single line");
        assertThatThrownBy(() -> builder.build(spec("Hi", new Mailbox("Eve\nBcc: x@example.org", "a@example.org"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("To must be a single line");
    }

    @Test
    void messageIdsAreStablePerRecipientAndDifferBetweenThem() {
        assertThat(MessageIds.of("example.org", "c1", "a@example.org")).isEqualTo(MessageIds.of("example.org", "c1", "a@example.org"));
        assertThat(MessageIds.of("example.org", "c1", "a@example.org")).isNotEqualTo(MessageIds.of("example.org", "c1", "b@example.org"));
        assertThat(MessageIds.of("example.org", "c1", "a@example.org")).endsWith("@example.org");
    }
}
