package org.newsletter.message;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.newsletter.mail.MessageBuilder;
import org.newsletter.mail.MessageSpec;
import org.newsletter.model.Mailbox;

/**
 * Compares a message of {@link CampaignMessages} with what Jakarta Mail makes of it and of the reference
 * {@link MessageBuilder} message: header values decoded, parts decoded, structure; and checks its bytes
 * against the rules of the wire (7-bit, CRLF, line lengths).
 */
final class MessageComparison {

    private static final Session STRICT = strictSession();

    private MessageComparison() {
    }

    static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(STRICT, new ByteArrayInputStream(raw));
    }

    static MimeMessage reference(MessageSpec spec) throws Exception {
        MessageBuilder builder = new MessageBuilder();
        return parse(builder.toBytes(builder.build(spec)));
    }

    /** Ours against the reference, value by value and part by part. */
    static void assertSameAsReference(byte[] ours, MessageSpec spec) throws Exception {
        MimeMessage mine = parse(ours);
        MimeMessage theirs = reference(spec);
        assertThat(headerNames(mine)).isEqualTo(headerNames(theirs));
        assertThat(mailboxes(mine.getFrom())).isEqualTo(mailboxes(theirs.getFrom()));
        assertThat(mailboxes(mine.getReplyTo())).isEqualTo(mailboxes(theirs.getReplyTo()));
        assertThat(mailboxes(mine.getRecipients(MimeMessage.RecipientType.TO)))
                .isEqualTo(mailboxes(theirs.getRecipients(MimeMessage.RecipientType.TO)));
        assertThat(mine.getSubject()).isEqualTo(theirs.getSubject());
        assertThat(mine.getSentDate()).isEqualTo(theirs.getSentDate());
        assertThat(mine.getMessageID()).isEqualTo(theirs.getMessageID());
        for (String name : List.of("MIME-Version", "List-Unsubscribe", "List-Unsubscribe-Post")) {
            assertThat(decoded(mine, name)).as(name).isEqualTo(decoded(theirs, name));
        }
        assertThat(listId(mine)).isEqualTo(listId(theirs));
        assertSameStructure(mine, theirs);
    }

    /** Ours against the values it was made of, for values the reference itself cannot carry intact. */
    static void assertCarries(byte[] ours, MessageSpec spec) throws Exception {
        MimeMessage mine = parse(ours);
        assertThat(mailboxes(mine.getFrom())).containsExactly(mailbox(spec.from()));
        assertThat(mailboxes(mine.getRecipients(MimeMessage.RecipientType.TO))).containsExactly(mailbox(spec.to()));
        assertThat(mine.getSubject()).isEqualTo(spec.subject());
        assertThat(mine.getSentDate().toInstant()).isEqualTo(spec.date().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(mine.getMessageID()).isEqualTo("<" + spec.messageId() + ">");
        String mailto = spec.unsubscribeMailto() == null || spec.unsubscribeMailto().isEmpty() ? ""
                : ", <" + spec.unsubscribeMailto() + ">";
        assertThat(decoded(mine, "List-Unsubscribe")).isEqualTo("<" + spec.unsubscribeUrl() + ">" + mailto);
        MimeMultipart parts = (MimeMultipart) mine.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(crlf(spec.text()));
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(crlf(spec.html()));
    }

    /** 7-bit, CRLF only, header lines at most 998 (76 unless a URL or address makes one longer), body lines at most 76. */
    static void assertWireRules(byte[] raw, int longestHeaderLine) {
        String wire = new String(raw, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < raw.length; i++) {
            assertThat(raw[i] & 0xff).as("8-bit byte at %d", i).isLessThan(0x80);
            assertThat(raw[i]).as("NUL at %d", i).isNotZero();
        }
        assertThat(wire.replace("\r\n", "")).as("bare CR or LF").doesNotContain("\r").doesNotContain("\n");
        int blank = wire.indexOf("\r\n\r\n");
        for (String line : wire.substring(0, blank).split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(Math.min(998, Math.max(76, longestHeaderLine)));
            assertThat(line).as("header line ends in white space").doesNotEndWith(" ").doesNotEndWith("\t");
            assertThat(line.isBlank()).as("header line of white space only").isFalse();
        }
        for (String line : wire.substring(blank + 4).split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
            assertThat(line).as("body line ends in white space").doesNotEndWith(" ").doesNotEndWith("\t");
        }
    }

    static void assertSameStructure(MimeMessage mine, MimeMessage theirs) throws Exception {
        ContentType ourType = new ContentType(mine.getContentType());
        ContentType theirType = new ContentType(theirs.getContentType());
        assertThat(ourType.getBaseType()).isEqualTo(theirType.getBaseType()).isEqualTo("multipart/alternative");
        assertThat(ourType.getParameter("boundary")).isEqualTo(theirType.getParameter("boundary"));
        MimeMultipart ourParts = (MimeMultipart) mine.getContent();
        MimeMultipart theirParts = (MimeMultipart) theirs.getContent();
        assertThat(ourParts.getCount()).isEqualTo(theirParts.getCount()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            BodyPart ours = ourParts.getBodyPart(i);
            BodyPart reference = theirParts.getBodyPart(i);
            ContentType a = new ContentType(ours.getContentType());
            ContentType b = new ContentType(reference.getContentType());
            assertThat(a.getBaseType()).isEqualTo(b.getBaseType()).isEqualTo(i == 0 ? "text/plain" : "text/html");
            assertThat(a.getParameter("charset")).isEqualToIgnoringCase(b.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
            assertThat(ours.getHeader("Content-Transfer-Encoding")).containsExactly(reference.getHeader("Content-Transfer-Encoding"));
            assertThat(headerNames(ours)).isEqualTo(headerNames(reference));
            assertThat((String) ours.getContent()).isEqualTo((String) reference.getContent());
        }
        assertThat(ourParts.getPreamble()).isEqualTo(theirParts.getPreamble());
    }

    /** What a reader sees of a header: unfolded and with encoded-words decoded. */
    static String decoded(MimeMessage message, String name) throws Exception {
        String raw = message.getHeader(name, null);
        return raw == null ? null : MimeUtility.decodeText(MimeUtility.unfold(raw));
    }

    /**
     * The List-Id's phrase and identifier as a reader takes them: a quoted-string unquoted, encoded-words
     * decoded. (A long phrase is a quoted-string in one message and encoded-words in the other.)
     */
    static List<String> listId(MimeMessage message) throws Exception {
        String value = MimeUtility.unfold(message.getHeader("List-Id", null));
        int open = value.lastIndexOf('<');
        String phrase = value.substring(0, open).strip();
        if (phrase.startsWith("\"") && phrase.endsWith("\"")) {
            phrase = phrase.substring(1, phrase.length() - 1).replaceAll("\\\\(.)", "$1");
        } else {
            phrase = MimeUtility.decodeText(phrase);
        }
        return List.of(phrase, value.substring(open));
    }

    static TreeSet<String> headerNames(jakarta.mail.Part part) throws Exception {
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : Collections.list(part.getAllHeaders())) {
            names.add(header.getName());
        }
        return names;
    }

    private static List<String> mailboxes(Address[] addresses) {
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                InternetAddress internet = (InternetAddress) address;
                out.add(internet.getPersonal() + " | " + internet.getAddress());
            }
        }
        return out;
    }

    private static String mailbox(Mailbox mailbox) {
        return (mailbox.name().isBlank() ? null : mailbox.name()) + " | " + mailbox.address();
    }

    private static String crlf(String text) {
        return text.replaceAll("\r\n|\r|\n", "\r\n");
    }

    private static Session strictSession() {
        Properties strict = new Properties();
        strict.setProperty("mail.mime.address.strict", "true");
        strict.setProperty("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        strict.setProperty("mail.mime.multipart.allowempty", "false");
        return Session.getInstance(strict);
    }
}
