package org.newsletter.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newsletter.mail.MessageSpec;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.model.Recipient;
import org.newsletter.render.RenderedIssue;

/** The seed issue's messages, built the fast way, against the reference MessageBuilder's. */
class CampaignMessagesTest {

    private static final String UNSUBSCRIBE = "https://news.example.org/u/";
    private static final String LONG_URL = UNSUBSCRIBE + "a".repeat(300) + "?list=newsletter&sig=" + "Zm9v".repeat(20);
    /** As long as a URL can be: "List-Unsubscribe: <" + URL + ">," is 998 characters. */
    private static final String LONGEST_URL = UNSUBSCRIBE + "x".repeat(998 - "List-Unsubscribe: <>,".length() - UNSUBSCRIBE.length());

    @TempDir
    static Path dir;
    static SeedCampaign seed;

    @BeforeAll
    static void render() {
        seed = SeedCampaign.render(dir);
    }

    static Stream<Arguments> awkwardRecipients() {
        return Stream.of(
                recipient("Sam Sample", "sam.sample@example.org", UNSUBSCRIBE + "sample-token"),
                recipient("Zoë O'Brien-Łukasz", "zoe@example.org", UNSUBSCRIBE + "t1"),
                recipient("O'Neil, Ann \"Annie\"", "ann@example.org", UNSUBSCRIBE + "t2"),
                recipient("ann@home <work>", "ann.work@example.org", UNSUBSCRIBE + "t3"),
                recipient("Dr. A. Back\\slash; (Esq.)", "dr@example.org", UNSUBSCRIBE + "t4"),
                recipient("🎉 Party Person 😀", "party@example.org", UNSUBSCRIBE + "t5"),
                recipient("Maximilian Alexander Konstantin von und zu Hohenberg-Schwarzenstein-Rautenbach der Dritte",
                        "max@example.org", UNSUBSCRIBE + "t6"),
                recipient("Ðorđe Šćepanović-Łukasiewicz Żółkiewska Ørsted Ærø Þórsdóttir 北京市 東京都 서울특별시 😀😀😀",
                        "dj@example.org", UNSUBSCRIBE + "t7"),
                recipient("Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongsinglename",
                        "long@example.org", UNSUBSCRIBE + "t8"),
                recipient("", "nameless@example.org", UNSUBSCRIBE + "t9"),
                recipient("Ann Plus", "ann+news.2024@example.org", UNSUBSCRIBE + "t10"),
                recipient("José Müller", "jose@xn--mnchen-3ya.de", UNSUBSCRIBE + "t11"),
                recipient("Long Link", "link@example.org", LONG_URL),
                recipient("Longest Link", "longest@example.org", LONGEST_URL),
                recipient("Query & Co <b>", "q@example.org", UNSUBSCRIBE + "t12?a=1&b=%20x=y"),
                recipient("=?UTF-8?Q?not_encoded?=", "word@example.org", UNSUBSCRIBE + "t13"));
    }

    private static Arguments recipient(String name, String email, String url) {
        return Arguments.of(new Recipient(name, email, url));
    }

    @ParameterizedTest
    @MethodSource("awkwardRecipients")
    void seedIssueMessageIsTheReferenceMessage(Recipient recipient) throws Exception {
        assertEquivalent(seed.rendered(), seed.headers(), recipient);
    }

    @ParameterizedTest
    @MethodSource("awkwardRecipients")
    void namesInBothBodiesAreEscapedInHtmlAndRawInText(Recipient recipient) throws Exception {
        OutgoingMessage message = assertEquivalent(seed.withNames(), seed.headers(), recipient);
        MessageSpec spec = seed.spec(seed.withNames(), seed.headers(), recipient);
        if (recipient.name().contains("\"")) {
            assertThat(spec.html()).contains("&quot;");
            assertThat(spec.text()).contains(recipient.name());
        }
        MessageComparison.assertCarries(message.bytes(), spec);
    }

    private static OutgoingMessage assertEquivalent(RenderedIssue issue, CampaignHeaders headers, Recipient recipient) throws Exception {
        CampaignMessages campaign = new CampaignMessages(issue, headers);
        MessageSpec spec = seed.spec(issue, headers, recipient);
        OutgoingMessage message = campaign.message(recipient, spec.messageId(), spec.unsubscribeMailto(), "bounces@example.org",
                SeedCampaign.DATE);
        assertThat(message.recipient()).isEqualTo(recipient.email());
        assertThat(message.envelopeFrom()).isEqualTo("bounces@example.org");
        assertThat(message.messageId()).isEqualTo(spec.messageId());
        MessageComparison.assertWireRules(message.bytes(), ("List-Unsubscribe: <" + recipient.unsubscribeUrl() + ">,").length());
        if (!recipient.name().contains("=?")) {
            // Jakarta Mail writes such a name as it is, and reads it back decoded: not the name any more.
            MessageComparison.assertSameAsReference(message.bytes(), spec);
        }
        MessageComparison.assertCarries(message.bytes(), spec);
        return message;
    }

    @Test
    void seedMessageReadsWellInTheRawSource() {
        CampaignMessages campaign = new CampaignMessages(seed.rendered(), seed.headers());
        OutgoingMessage message = campaign.message(new Recipient("Zoë O'Brien", "zoe@example.org", UNSUBSCRIBE + "tok"),
                "0123456789abcdef0123456789abcdef@example.org", seed.mailto(), "news@example.org", SeedCampaign.DATE);
        String wire = new String(message.bytes(), StandardCharsets.US_ASCII);
        String head = wire.substring(0, wire.indexOf("\r\n\r\n") + 2);
        assertThat(head).isEqualTo("""
                From: Example Co-production Network <news@example.org>\r
                Reply-To: hello@example.org\r
                To: =?UTF-8?Q?Zo=C3=AB_O=27Brien?= <zoe@example.org>\r
                Subject: August Team Update: Enjoying the fruits of co-production\r
                Date: Fri, 9 Aug 2024 07:30:15 +0000\r
                Message-ID: <0123456789abcdef0123456789abcdef@example.org>\r
                MIME-Version: 1.0\r
                List-Id: "Example Co-production Network" <newsletter.example.org>\r
                List-Unsubscribe: <https://news.example.org/u/tok>,\r
                 <mailto:news@example.org?subject=unsubscribe>\r
                List-Unsubscribe-Post: List-Unsubscribe=One-Click\r
                Content-Type: multipart/alternative;\r
                 boundary="=_nl_0123456789abcdef0123456789abcdef"\r
                """);
        assertThat(wire).contains("\r\n\r\n--=_nl_0123456789abcdef0123456789abcdef\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nAugust Team Update")
                .contains("\r\n--=_nl_0123456789abcdef0123456789abcdef\r\nContent-Type: text/html; charset=UTF-8\r\n"
                        + "Content-Transfer-Encoding: quoted-printable\r\n\r\n")
                .endsWith("\r\n--=_nl_0123456789abcdef0123456789abcdef--\r\n");
        // The full stop after the address starts a line of its own piece: encoded, so SMTP has no dot to double.
        assertThat(wire).contains("This email was sent to =\r\nzoe@example.org=\r\n=2E");
        assertThat(message.dotSafe()).isTrue();
    }

    /** RFC 5890/5891: people read an international domain in Unicode; mail headers and SMTP carry its punycode. */
    @Test
    void anInternationalDomainReadsInUnicodeInTheFooterAndStaysPunycodeOnTheWire() throws Exception {
        CampaignMessages campaign = new CampaignMessages(seed.rendered(), seed.headers());
        OutgoingMessage message = campaign.message(new Recipient("Dan", "dan@xn--r8jz45g.jp", UNSUBSCRIBE + "tok"),
                "0123456789abcdef0123456789abcdef@example.org", seed.mailto(), "news@example.org", SeedCampaign.DATE);
        jakarta.mail.internet.MimeMessage parsed = new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(message.bytes()));
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) parsed.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();

        assertThat(text).contains("This email was sent to dan@例え.jp.").doesNotContain("xn--");
        assertThat(html).contains("This email was sent to dan@例え.jp.").doesNotContain("xn--r8jz45g");
        assertThat(parsed.getHeader("To", null)).isEqualTo("Dan <dan@xn--r8jz45g.jp>");
        assertThat(message.recipient()).as("SMTP RCPT TO").isEqualTo("dan@xn--r8jz45g.jp");
        String wire = new String(message.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(wire.substring(0, wire.indexOf("\r\n\r\n"))).as("the header block").matches("\\p{ASCII}*");
    }
}
