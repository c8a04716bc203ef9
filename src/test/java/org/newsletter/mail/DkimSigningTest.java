package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.Mailbox;
import org.newsletter.testing.Dkimpy;
import org.newsletter.testing.IssueFixture;

/**
 * Signs messages as {@link MessageBuilder} makes them and has dkimpy, an implementation we did not
 * write, verify them with the public key made here; then changes a signed message the ways an attacker
 * or a careless relay would, to see the signature fail when it must and hold when relaxed
 * canonicalization says it may (RFC 6376 section 3.4).
 */
class DkimSigningTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-08-09T08:00:05Z"), ZoneOffset.UTC);
    private static final String DNS_NAME = "news2024._domainkey.example.org";
    private static final String BAD_SIGNATURE = "fail: signature does not verify";
    /** A one-click URL with a long token, longer than a header line may be, as real ones are. */
    private static final String UNSUBSCRIBE_URL = "https://news.example.org/unsubscribe/"
            + "eyJzIjoxMjM0NSwibCI6Im5ld3NsZXR0ZXIiLCJ0IjoxNzIzMTkwNDAwfQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi10aGF0LWlzLXF1aXRlLWxvbmc"
            + "?list=newsletter&campaign=2024-08-team-update";

    @TempDir
    static Path temp;

    private static KeyPair rsa;
    private static DkimMessageSigner signer;
    /** The independent verifier, or null when it is not installed (then only the tests that need it skip). */
    private static Dkimpy dkimpy;

    @BeforeAll
    static void signerWithAKeyFromAFile() {
        rsa = DkimTestKeys.rsa(2048);
        Path keyFile = DkimTestKeys.writePem(temp.resolve("dkim.pem"), "PRIVATE KEY", rsa.getPrivate().getEncoded());
        signer = new DkimMessageSigner(DkimKey.load("example.org", "news2024", keyFile), CLOCK);
        dkimpy = Dkimpy.find(temp);
    }

    @Test
    void aMessageFromMessageBuilderVerifiesWithDkimpy() {
        byte[] message = built("zoe@example.org");
        assertThat(ascii(message)).contains("Subject: =?UTF-8?", "From: =?UTF-8?", "To: =?UTF-8?", "List-Unsubscribe: <" + UNSUBSCRIBE_URL);

        byte[] signed = signer.sign(message);

        assertThat(Arrays.copyOfRange(signed, signed.length - message.length, signed.length))
                .as("the message after the new field is byte for byte what was given").isEqualTo(message);
        assertVerifies(signed);
    }

    @Test
    void theSeedIssueAsBuiltVerifies() throws Exception {
        Path build = IssueFixture.copyOfRepository(temp.resolve("workspace")).buildSeedIssue(temp.resolve("build"));
        byte[] message = Files.readAllBytes(build.resolve("message.eml"));

        assertVerifies(signer.sign(message));
    }

    /** Each change, and the reason dkimpy must give, so that a failure for another reason does not count. */
    @Test
    void aChangedMessageFailsVerification() {
        String signed = ascii(signer.sign(built("zoe@example.org")));
        Map<String, String> changed = new LinkedHashMap<>();
        Map<String, String> reason = new LinkedHashMap<>();
        change(changed, reason, "Subject changed", replaceOnce(signed, "\r\nSubject: ", "\r\nSubject: Re: "), BAD_SIGNATURE);
        change(changed, reason, "body changed", replaceOnce(signed, "Hello Zo", "Hallo Zo"), "body hash mismatch");
        change(changed, reason, "List-Unsubscribe pointed elsewhere",
                replaceOnce(signed, "<https://news.example.org/unsubscribe/", "<https://news.example.net/unsubscribe/"), BAD_SIGNATURE);
        change(changed, reason, "List-Unsubscribe-Post removed",
                replaceOnce(signed, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", ""), BAD_SIGNATURE);
        change(changed, reason, "Reply-To changed", replaceOnce(signed, "Reply-To: hello@example.org", "Reply-To: hello@example.net"),
                BAD_SIGNATURE);
        // Fields put in front of the signature are not the ones a verifier picks (it takes instances from
        // the bottom up), so only over-signing (h= naming each field once more) catches these.
        change(changed, reason, "a second List-Unsubscribe put in front", "List-Unsubscribe: <https://news.example.net/u>\r\n" + signed,
                BAD_SIGNATURE);
        change(changed, reason, "a second Subject put in front", "Subject: Urgent: confirm your account\r\n" + signed, BAD_SIGNATURE);
        String withoutReplyTo = ascii(signer.sign(builtFrom(withReplyTo(spec("zoe@example.org"), null))));
        change(changed, reason, "a Reply-To added where there was none", "Reply-To: hello@example.net\r\n" + withoutReplyTo,
                BAD_SIGNATURE);
        change(changed, reason, "a second From appended", addHeader(signed, "From: Your Bank <security@example.net>"), BAD_SIGNATURE);

        Map<String, Dkimpy.Verdict> verdicts = verify(changed);

        SoftAssertions.assertSoftly(soft -> verdicts.forEach((change, verdict) -> {
            soft.assertThat(verdict.passed()).as("dkimpy on a message with %s: %s", change, verdict.report()).isFalse();
            soft.assertThat(verdict.report()).as("dkimpy fails for %s, not for something else", change).contains(reason.get(change));
        }));
    }

    @Test
    void changesRelaxedCanonicalizationIgnoresStillVerify() {
        String signed = ascii(signer.sign(built("zoe@example.org")));
        Map<String, String> changed = new LinkedHashMap<>();
        changed.put("nothing changed", signed);
        changed.put("a Received field put in front",
                "Received: from news.example.org by mx.example.net; Fri, 9 Aug 2024 08:00:06 +0000\r\n" + signed);
        changed.put("a field name in capitals with more space", replaceOnce(signed, "\r\nSubject: ", "\r\nSUBJECT: \t "));
        changed.put("a header field refolded", replaceOnce(signed, "\r\nList-Unsubscribe: <", "\r\nList-Unsubscribe:\r\n\t<"));
        changed.put("spaces and empty lines added to the body", replaceOnce(signed, "Hello Zo", "Hello  \t Zo") + "\r\n\r\n");

        Map<String, Dkimpy.Verdict> verdicts = verify(changed);

        SoftAssertions.assertSoftly(soft -> verdicts.forEach((change, verdict) ->
                soft.assertThat(verdict.passed()).as("dkimpy after %s: %s", change, verdict.report()).isTrue()));
    }

    @Test
    void unusualBodiesVerify() {
        String header = "From: news@example.org\r\nTo: zoe@example.org\r\nSubject: Edge\r\nDate: Fri, 9 Aug 2024 08:00:00 +0000\r\n";
        Map<String, String> signed = new LinkedHashMap<>();
        for (Map.Entry<String, String> body : Map.of(
                "no body at all", "\r\n",
                "no blank line either", "",
                "a last line without CRLF", "\r\nfirst\r\nlast",
                "only spaces and empty lines", "\r\n \t \r\n\r\n\r\n").entrySet()) {
            signed.put(body.getKey(), ascii(signer.sign((header + body.getValue()).getBytes(StandardCharsets.US_ASCII))));
        }

        Map<String, Dkimpy.Verdict> verdicts = verify(signed);

        SoftAssertions.assertSoftly(soft -> verdicts.forEach((body, verdict) ->
                soft.assertThat(verdict.passed()).as("dkimpy on a message with %s: %s", body, verdict.report()).isTrue()));
    }

    @Test
    void theSignatureFieldNamesAlgorithmKeyTimeAndOverSignsEveryHeader() {
        String field = signatureField(ascii(signer.sign(built("zoe@example.org"))));
        Map<String, String> tags = tags(field);

        assertThat(tags).containsEntry("v", "1").containsEntry("a", "rsa-sha256").containsEntry("c", "relaxed/relaxed")
                .containsEntry("d", "example.org").containsEntry("s", "news2024")
                .containsEntry("t", String.valueOf(CLOCK.instant().getEpochSecond()))
                .containsEntry("h", "From:From:Reply-To:Reply-To:To:To:Subject:Subject:Date:Date:Message-ID:Message-ID"
                        + ":List-Id:List-Id:List-Unsubscribe:List-Unsubscribe:List-Unsubscribe-Post:List-Unsubscribe-Post"
                        + ":MIME-Version:MIME-Version:Content-Type:Content-Type")
                .containsKeys("bh", "b").doesNotContainKeys("l", "i", "x");
        List<String> lines = List.of(field.split("\r\n"));
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(78));
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).startsWith("\t"));
    }

    @Test
    void headersTheMessageLacksAreNamedOnceSoTheyCannotBeAdded() {
        MessageSpec noReplyTo = withReplyTo(spec("zoe@example.org"), null);
        byte[] message = builtFrom(noReplyTo);
        assertThat(ascii(message)).doesNotContain("Reply-To:");

        String h = tags(signatureField(ascii(signer.sign(message)))).get("h");

        assertThat(h).startsWith("From:From:Reply-To:To:To:");
    }

    @Test
    void aTurkishDefaultLocaleChangesNothing() {
        byte[] message = built("ilkay@example.org");
        byte[] signed = signer.sign(message);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(signer.sign(message)).as("\"List-Id\" lower-cased in Turkish would be \"lıst-ıd\"").isEqualTo(signed);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void oneSignerServesManyThreads() throws Exception {
        List<byte[]> messages = IntStream.range(0, 24).mapToObj(i -> built("reader" + i + "@example.org")).toList();
        List<byte[]> alone = messages.stream().map(signer::sign).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> together = new ArrayList<>();
            for (byte[] message : messages) {
                together.add(pool.submit(() -> signer.sign(message)));
            }
            for (int i = 0; i < messages.size(); i++) {
                assertThat(together.get(i).get()).as("message %d", i).isEqualTo(alone.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOutgoingMessageKeepsItsEnvelope() {
        byte[] message = built("zoe@example.org");
        OutgoingMessage outgoing = new OutgoingMessage("bounces+zoe=example.org@example.org", "zoe@example.org", "id@example.org", message);

        OutgoingMessage signed = signer.sign(outgoing);

        assertThat(signed.envelopeFrom()).isEqualTo(outgoing.envelopeFrom());
        assertThat(signed.recipient()).isEqualTo("zoe@example.org");
        assertThat(signed.messageId()).isEqualTo("id@example.org");
        assertThat(signed.bytes()).isEqualTo(signer.sign(message));
        assertThat(signed.dotSafe()).as("not checked before, so not claimed after").isFalse();
        OutgoingMessage checked = new OutgoingMessage(outgoing.envelopeFrom(), outgoing.recipient(), outgoing.messageId(), message,
                LeadingDots.none(message));
        assertThat(signer.sign(checked).dotSafe()).as("the signature field starts no line with a dot").isEqualTo(LeadingDots.none(message)).isTrue();
        assertThat(LeadingDots.none(signer.sign(checked).bytes())).isTrue();
    }

    @Test
    void whatCannotBeSignedAsSentIsRefused() {
        assertThatThrownBy(() -> signer.sign("To: zoe@example.org\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message has no From header field, which RFC 6376 section 5.4 requires DKIM to sign");
        assertThatThrownBy(() -> signer.sign("From: a@example.org\r\n\r\nline\nline\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message has a bare LF at byte 27: DKIM signs the bytes as sent, whose lines must end in CRLF (RFC 5322 section 2.1)");
    }

    private static Map<String, Dkimpy.Verdict> verify(Map<String, String> messages) {
        List<Dkimpy.Verdict> verdicts = Dkimpy.require(dkimpy).verify(
                messages.values().stream().map(m -> m.getBytes(StandardCharsets.ISO_8859_1)).toList(),
                DNS_NAME, DkimTestKeys.txtRecord(rsa.getPublic()));
        Map<String, Dkimpy.Verdict> byName = new LinkedHashMap<>();
        List<String> names = List.copyOf(messages.keySet());
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), verdicts.get(i));
        }
        return byName;
    }

    private static void change(Map<String, String> changed, Map<String, String> reasons, String change, String message, String reason) {
        changed.put(change, message);
        reasons.put(change, reason);
    }

    private static void assertVerifies(byte[] signed) {
        Dkimpy.Verdict verdict = Dkimpy.require(dkimpy).verify(signed, DNS_NAME, DkimTestKeys.txtRecord(rsa.getPublic()));
        assertThat(verdict.passed()).as("dkimpy: %s%n%s", verdict.report(), signatureField(ascii(signed))).isTrue();
    }

    private static MessageSpec spec(String recipient) {
        String text = "Hello Zoë,\n\nThis month: drop-in sessions, a survey (closes Friday 30 August) and the Co-Pro Cuppa dates.   \n"
                + "A line long enough that quoted-printable has to break it with a soft line break, as it does for most paragraphs of"
                + " a real newsletter written in a text editor without hard wrapping.\n\n\n";
        String html = "<p>Hello Zoë,</p>\n<p>This month: <strong>drop-in sessions</strong> – a survey – and the Co-Pro Cuppa dates.</p>\n"
                + "<p style=\"margin: 0 0 16px 0; font-family: Arial, sans-serif;\">" + "Café society ".repeat(20) + "</p>\n";
        return new MessageSpec(new Mailbox("Café Network – Ünïcode News", "news@example.org"), new Mailbox("", "hello@example.org"),
                new Mailbox("Zoë Ångström", recipient), "Café update – août: drop-in sessions, a survey and the Co-Pro Cuppa dates",
                Instant.parse("2024-08-09T08:00:00Z"), MessageIds.of("example.org", "2024-08-team-update", recipient),
                "newsletter.example.org", "Café Network", UNSUBSCRIBE_URL, "mailto:news@example.org?subject=unsubscribe", text, html);
    }

    private static MessageSpec withReplyTo(MessageSpec spec, Mailbox replyTo) {
        return new MessageSpec(spec.from(), replyTo, spec.to(), spec.subject(), spec.date(), spec.messageId(), spec.listId(),
                spec.listName(), spec.unsubscribeUrl(), spec.unsubscribeMailto(), spec.text(), spec.html());
    }

    private static byte[] built(String recipient) {
        return builtFrom(spec(recipient));
    }

    private static byte[] builtFrom(MessageSpec spec) {
        MessageBuilder builder = new MessageBuilder();
        return builder.toBytes(builder.build(spec));
    }

    /** The DKIM-Signature field at the top, folded as written, without its final CRLF. */
    private static String signatureField(String message) {
        assertThat(message).startsWith("DKIM-Signature: ");
        int end = 0;
        do {
            end = message.indexOf("\r\n", end) + 2;
        } while (message.charAt(end) == '\t' || message.charAt(end) == ' ');
        return message.substring(0, end - 2);
    }

    private static Map<String, String> tags(String field) {
        Map<String, String> tags = new LinkedHashMap<>();
        String value = field.substring(field.indexOf(':') + 1).replaceAll("[ \t\r\n]+", "");
        for (String tag : value.split(";")) {
            int equals = tag.indexOf('=');
            tags.put(tag.substring(0, equals), tag.substring(equals + 1));
        }
        return tags;
    }

    /** Appends {@code field} to the header, after the last field. */
    private static String addHeader(String message, String field) {
        int end = message.indexOf("\r\n\r\n");
        return message.substring(0, end + 2) + field + "\r\n" + message.substring(end + 2);
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("%s in the message", from).isNotNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
