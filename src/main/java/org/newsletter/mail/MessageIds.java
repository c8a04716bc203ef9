package org.newsletter.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic Message-IDs on the sender's domain (RFC 5322 section 3.6.4): the same campaign and
 * recipient always give the same ID, so a message re-sent after a crash can be recognised as a
 * duplicate by the receiving side.
 */
public final class MessageIds {

    /** Never updated itself: each ID is made with a clone, which costs a fraction of looking the algorithm up again. */
    private static final MessageDigest SHA_256 = sha256();

    private MessageIds() {
    }

    public static String of(String domain, String... parts) {
        MessageDigest sha = copy();
        for (String part : parts) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        String hash = HexFormat.of().formatHex(sha.digest(), 0, 16);
        return hash + "@" + domain;
    }

    private static MessageDigest copy() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256(); // a provider whose digests cannot be cloned: look it up each time
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
