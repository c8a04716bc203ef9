package org.newsletter.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@link EmailHash} for many addresses on one thread: one {@link MessageDigest} reused instead of one
 * looked up per address, which cost more than the hashing itself (an import that must check
 * suppressions and withdrawn consent hashes every address of the file). Not thread-safe: each thread
 * makes its own.
 */
public final class EmailHasher {

    private final MessageDigest sha256;
    private final HexFormat hex = HexFormat.of();

    public EmailHasher() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The same value as {@link EmailHash#of}. */
    public String of(String emailKey) {
        return hex.formatHex(sha256.digest(emailKey.getBytes(StandardCharsets.UTF_8)));
    }
}
