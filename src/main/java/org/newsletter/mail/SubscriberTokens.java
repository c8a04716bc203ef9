package org.newsletter.mail;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed identifiers in subscribers' links and in bounce addresses: {@code SUBJECT.OBJECT.MAC}, where the
 * MAC is HMAC-SHA256 (RFC 2104) over the purpose and both numbers, cut to 128 bits and base64url-encoded.
 * Nobody without the secret can make a token for another person or list, or turn an unsubscribe token
 * into a bounce token; checking compares in constant time. The token carries only numeric ids, never an
 * address, so a link that leaks says nothing about the person.
 */
public final class SubscriberTokens {

    /** What a token is for: part of what is signed, so one kind cannot stand in for another. */
    public enum Purpose {
        UNSUBSCRIBE("u"),
        BOUNCE("b");

        private final String tag;

        Purpose(String tag) {
            this.tag = tag;
        }
    }

    /** The two numbers a token carries: (subscriber, list) for unsubscribing, (campaign, subscriber) for bounces. */
    public record Ids(long first, long second) {
    }

    private static final Pattern FORM = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})\\.([A-Za-z0-9_-]{22})");
    private static final int MAC_BYTES = 16;

    /** Keyed once; each token clones it, which is much cheaper than a provider look-up and key set-up per recipient. */
    private final Mac keyed;

    public SubscriberTokens(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the token secret must be at least 32 characters");
        }
        try {
            keyed = Mac.getInstance("HmacSHA256");
            keyed.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    public String token(Purpose purpose, long first, long second) {
        return first + "." + second + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(purpose, first, second));
    }

    /** The ids in a genuine token; empty for anything altered, truncated, signed with another secret or for another purpose. */
    public Optional<Ids> verify(Purpose purpose, String token) {
        if (token == null || token.length() > 80) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group(1).length() > 1 && m.group(1).startsWith("0") || m.group(2).length() > 1 && m.group(2).startsWith("0")) {
            return Optional.empty(); // one spelling per token: no leading zeros
        }
        long first = Long.parseLong(m.group(1));
        long second = Long.parseLong(m.group(2));
        byte[] given = Base64.getUrlDecoder().decode(m.group(3));
        // Re-encoding must give the same text: base64url has several spellings of the last character's spare bits.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(given).equals(m.group(3))) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(given, mac(purpose, first, second)) ? Optional.of(new Ids(first, second)) : Optional.empty();
    }

    private byte[] mac(Purpose purpose, long first, long second) {
        try {
            // The keyed prototype is never used directly, only cloned, so threads never share its state.
            Mac hmac = (Mac) keyed.clone();
            byte[] full = hmac.doFinal((purpose.tag + ":" + first + ":" + second).getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(full, MAC_BYTES);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
        }
    }
}
