package org.newsletter.mail;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
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
        BOUNCE("b"),
        /** (subscriber, list) in the link of a double opt-in email; these tokens expire. */
        CONFIRM("c"),
        /**
         * (0, list) in the unsubscribe links of a {@code send --test-to} copy: it names nobody, so
         * following it (or a mail client's one-click POST) can unsubscribe nobody; the page says it
         * came from a test copy.
         */
        TEST("t"),
        /** (campaign, link index) in a click-tracked link: the same for every recipient of the campaign. */
        CLICK("k"),
        /** (campaign, subscriber) appended to a click token when clicks are kept per person. */
        CLICKER("kp"),
        /** (campaign, 0) in the counted image of a campaign: it names nobody. */
        IMAGE("i"),
        /**
         * An issue's folder name in the web address of an issue sent only to private lists: the key
         * without which its archive page, images and calendar files answer "not found".
         */
        ARCHIVE("a");

        private final String tag;

        Purpose(String tag) {
            this.tag = tag;
        }
    }

    /** The two numbers a token carries: (subscriber, list) for unsubscribing, (campaign, subscriber) for bounces. */
    public record Ids(long first, long second) {
    }

    /** A checked token that carries an expiry time: genuine, and whether that time has passed. */
    public record Expiring(Ids ids, Instant expires) {

        public boolean expiredAt(Instant now) {
            return !now.isBefore(expires);
        }
    }

    private static final Pattern EXPIRING_FORM = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{22})");
    private static final Pattern FORM = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})\\.([A-Za-z0-9_-]{22})");
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{22}");
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
        if (hasLeadingZero(m.group(1)) || hasLeadingZero(m.group(2))) {
            return Optional.empty(); // one spelling per token: no leading zeros
        }
        long first = Long.parseLong(m.group(1));
        long second = Long.parseLong(m.group(2));
        return genuine(m.group(3), mac(purpose, first, second)) ? Optional.of(new Ids(first, second)) : Optional.empty();
    }

    /**
     * {@code SUBJECT.OBJECT.EXPIRES.MAC}: as {@link #token}, with the expiry time (epoch seconds) signed
     * too, so nobody can extend it.
     */
    public String expiringToken(Purpose purpose, long first, long second, Instant expires) {
        long seconds = expires.getEpochSecond();
        return first + "." + second + "." + seconds + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(purpose.tag + ":" + seconds, first, second));
    }

    /**
     * The ids and expiry of a genuine expiring token, expired or not (the caller tells the person the
     * link is too old rather than that it is wrong); empty for anything altered, truncated or foreign.
     */
    public Optional<Expiring> verifyExpiring(Purpose purpose, String token) {
        if (token == null || token.length() > 80) {
            return Optional.empty();
        }
        Matcher m = EXPIRING_FORM.matcher(token);
        if (!m.matches() || hasLeadingZero(m.group(1)) || hasLeadingZero(m.group(2)) || hasLeadingZero(m.group(3))) {
            return Optional.empty();
        }
        long first = Long.parseLong(m.group(1));
        long second = Long.parseLong(m.group(2));
        long seconds = Long.parseLong(m.group(3));
        return genuine(m.group(4), mac(purpose.tag + ":" + seconds, first, second))
                ? Optional.of(new Expiring(new Ids(first, second), Instant.ofEpochSecond(seconds)))
                : Optional.empty();
    }

    /**
     * The MAC of a name rather than of two numbers, base64url-encoded (22 characters). What is signed
     * is {@code TAG:NAME}; the names signed this way hold no colon (issue folder names cannot), so the
     * input can never equal a numeric token's {@code TAG:FIRST:SECOND} nor an expiring one's.
     */
    public String signature(Purpose purpose, String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(purpose, name));
    }

    /** Whether {@code signature} is the one {@link #signature} gives for {@code name}, compared in constant time. */
    public boolean verifySignature(Purpose purpose, String name, String signature) {
        if (signature == null || !SIGNATURE.matcher(signature).matches()) {
            return false;
        }
        return genuine(signature, mac(purpose, name));
    }

    private byte[] mac(Purpose purpose, String name) {
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a signed name cannot hold ':': " + name);
        }
        return macOf(purpose.tag + ":" + name);
    }

    private static boolean hasLeadingZero(String digits) {
        return digits.length() > 1 && digits.startsWith("0");
    }

    /** Compares in constant time, after checking the text is the one canonical spelling of its bytes. */
    private static boolean genuine(String given, byte[] expected) {
        byte[] bytes = Base64.getUrlDecoder().decode(given);
        // Re-encoding must give the same text: base64url has several spellings of the last character's spare bits.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(given) && MessageDigest.isEqual(bytes, expected);
    }

    private byte[] mac(Purpose purpose, long first, long second) {
        return mac(purpose.tag, first, second);
    }

    private byte[] mac(String tag, long first, long second) {
        return macOf(tag + ":" + first + ":" + second);
    }

    private byte[] macOf(String input) {
        try {
            // The keyed prototype is never used directly, only cloned, so threads never share its state.
            Mac hmac = (Mac) keyed.clone();
            byte[] full = hmac.doFinal(input.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, MAC_BYTES);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
        }
    }
}
