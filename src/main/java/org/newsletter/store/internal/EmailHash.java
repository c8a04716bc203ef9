package org.newsletter.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of an address's lower-cased form: how suppressions are keyed, so that erasing a person
 * can keep "never mail this address" without keeping the address.
 */
public final class EmailHash {

    private EmailHash() {
    }

    public static String of(String emailKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(emailKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
