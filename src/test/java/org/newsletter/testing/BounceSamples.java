package org.newsletter.testing;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsletter.mail.MessageIds;
import org.newsletter.mail.SubscriberTokens;

/**
 * The sample messages of the bounce mailbox under {@code src/test/resources/org/newsletter/bounce/},
 * written from RFC 3464, RFC 5965 and the formats Postfix, Exim, qmail, Exchange Online, Gmail, Yahoo and
 * Outlook.com use. The signed parts cannot be written by hand, so they are placeholders filled in for
 * one workspace: {@code {{BOUNCE:bob}}} (the VERP token of bob@example.org in campaign 1),
 * {@code {{UNSUBSCRIBE:bob}}} (his unsubscribe token for the list) and {@code {{MESSAGE-ID:bob}}} (the
 * Message-ID campaign 1 gave his message).
 */
public final class BounceSamples {

    public static final String SECRET = "s".repeat(40);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(BOUNCE|UNSUBSCRIBE|MESSAGE-ID):([a-z]+)}}");

    private final SubscriberTokens tokens;
    private final ToLongFunction<String> subscriberId;
    private final long campaignId;
    private final String campaignKey;
    private final long listId;

    /**
     * @param subscriberId the id of NAME@example.org
     * @param campaignKey  the campaign's message key (Campaign.messageKey), from which Message-IDs are made
     */
    public BounceSamples(ToLongFunction<String> subscriberId, long campaignId, String campaignKey, long listId) {
        this(SECRET, subscriberId, campaignId, campaignKey, listId);
    }

    /** Samples whose tokens are signed with {@code secret}: another secret than the workspace's makes forgeries. */
    public BounceSamples(String secret, ToLongFunction<String> subscriberId, long campaignId, String campaignKey, long listId) {
        this.tokens = new SubscriberTokens(secret);
        this.subscriberId = subscriberId;
        this.campaignId = campaignId;
        this.campaignKey = campaignKey;
        this.listId = listId;
    }

    /** The sample's bytes with its placeholders filled in. */
    public byte[] bytes(String sample) {
        return bytes(sample, UnaryOperator.identity());
    }

    /** The sample's bytes, changed by {@code edit} before its placeholders are filled in. */
    public byte[] bytes(String sample, UnaryOperator<String> edit) {
        String text = edit.apply(text(sample));
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value = switch (m.group(1)) {
                case "BOUNCE" -> tokens.token(SubscriberTokens.Purpose.BOUNCE, campaignId, subscriberId.applyAsLong(name));
                case "UNSUBSCRIBE" -> tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, subscriberId.applyAsLong(name), listId);
                default -> MessageIds.of("example.org", campaignKey, name + "@example.org");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The sample as a message GreenMail can deliver, byte for byte. */
    public MimeMessage message(String sample) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes(sample)));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException("sample " + sample + " is not a message: " + e.getMessage(), e);
        }
    }

    private static String text(String sample) {
        try (InputStream in = BounceSamples.class.getResourceAsStream("/org/newsletter/bounce/" + sample)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + sample);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names used in the samples, for tests that add them as subscribers. */
    public static final Map<String, String> PEOPLE = Map.of("ann", "Ann", "bob", "Bob", "cy", "Cy", "dee", "Dee", "eve", "Eve", "fay", "Fay",
            "gus", "Gus", "hal", "Hal", "ivy", "Ivy");
}
