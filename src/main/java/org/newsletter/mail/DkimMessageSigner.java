package org.newsletter.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Signs a finished message with DKIM (RFC 6376): rsa-sha256 (RFC 8301), relaxed/relaxed
 * canonicalization, the {@code DKIM-Signature} header field put in front of the unchanged bytes.
 *
 * <h2>Which header fields are signed</h2>
 * {@link #SIGNED_HEADERS}: what a reader sees and trusts (From, Reply-To, To, Subject, Date), what
 * identifies the message (Message-ID), what unsubscribes (List-Id, List-Unsubscribe,
 * List-Unsubscribe-Post: RFC 8058 section 4 requires both List-Unsubscribe fields to be signed for
 * one-click), and what decides how the body is read (MIME-Version, Content-Type). Every one of them is
 * <em>over-signed</em>: {@code h=} names it once more than the message has it, so that a field added
 * on the way, a second From, a Reply-To the message never had, or a List-Unsubscribe pointing
 * elsewhere, breaks the signature (RFC 6376 sections 5.4.2 and 8.15). Fields a relay may legitimately
 * add or rewrite (Received, Return-Path, Content-Transfer-Encoding of a part) are not signed.
 *
 * <h2>Why not a library</h2>
 * The project once used utils-mail-dkim and no longer depends on it. Its {@code DkimSigner} (3.2.1),
 * given a {@code MimeMessage} parsed from our bytes, does write them back unchanged. But it cannot over-sign (it lists only fields present), it
 * leaves List-Unsubscribe-Post out unless asked, its relaxed header canonicalization lower-cases names
 * in the default locale (under a Turkish locale "List-Id" becomes "lıst-ıd" and dkimpy rejects the
 * signature: tried), it keeps one {@code MessageDigest} and {@code Signature} per signer (not
 * thread-safe), and unless told otherwise it looks the public key up in DNS before every message. The
 * canonicalization is short ({@link RelaxedCanonicalization}), so it is done here, on the exact bytes
 * that go on the wire, with no copy through Jakarta Mail.
 *
 * <h2>Threads</h2>
 * Immutable and thread-safe: one instance serves every sending thread. The hash and signature
 * objects are made per call (a few microseconds next to the RSA operation itself).
 */
public final class DkimMessageSigner {

    /** The header fields signed (and over-signed), in the order they appear in {@code h=}. */
    public static final List<String> SIGNED_HEADERS = List.of("From", "Reply-To", "To", "Subject", "Date", "Message-ID",
            "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type");

    private static final String ALGORITHM = "SHA256withRSA";
    /** RFC 5322 section 2.1.1: lines SHOULD be at most 78 characters. */
    private static final int LINE_LIMIT = 78;

    private final DkimKey key;
    private final Clock clock;

    /** @param clock gives the signature's timestamp, {@code t=} (RFC 6376 section 3.5) */
    public DkimMessageSigner(DkimKey key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        newSignature(); // a key the JDK cannot sign with fails here, not at the first message
    }

    /**
     * The message with a {@code DKIM-Signature} header field in front and not one other byte changed.
     *
     * @param message the complete message, CRLF line ends, as it will be sent
     * @throws IllegalArgumentException if it has no From field (RFC 6376 section 5.4 requires signing
     *                                  it), a bare CR or LF, or a header line that is not a field
     */
    public byte[] sign(byte[] message) {
        RawMessage raw = RawMessage.parse(message);
        ByteArrayOutputStream signedHeaders = new ByteArrayOutputStream(1024);
        List<String> names = new ArrayList<>();
        for (String name : SIGNED_HEADERS) {
            List<RawMessage.Field> present = raw.fields().stream().filter(f -> f.name().equalsIgnoreCase(name)).toList();
            if (name.equals("From") && present.isEmpty()) {
                throw new IllegalArgumentException("message has no From header field, which RFC 6376 section 5.4 requires DKIM to sign");
            }
            // Several instances are signed from the bottom up (RFC 6376 section 5.4.2); the extra name signs "no more".
            for (int i = present.size() - 1; i >= 0; i--) {
                RelaxedCanonicalization.header(raw, present.get(i), signedHeaders);
                names.add(name);
            }
            names.add(name);
        }
        String bodyHash = Base64.getEncoder().encodeToString(sha256(RelaxedCanonicalization.body(message, raw.bodyStart())));

        Folder header = new Folder("DKIM-Signature:");
        header.tag("v=1;").tag("a=rsa-sha256;").tag("c=relaxed/relaxed;").tag("d=" + key.domain() + ";")
                .tag("s=" + key.selector() + ";").tag("t=" + clock.instant().getEpochSecond() + ";")
                .list("h", names).tag("bh=" + bodyHash + ";").newLine().append("b=");
        String unsigned = header.toString();

        // The signature covers the signed fields and then this field with an empty b=, without its CRLF (section 3.7).
        byte[] unsignedBytes = unsigned.getBytes(StandardCharsets.US_ASCII);
        RawMessage self = RawMessage.parse(unsignedBytes);
        RelaxedCanonicalization.header(self, self.fields().get(0), signedHeaders);
        byte[] hashed = signedHeaders.toByteArray();
        header.fill(Base64.getEncoder().encodeToString(rsaSha256(hashed, hashed.length - 2)));

        byte[] field = (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[field.length + message.length];
        System.arraycopy(field, 0, signed, 0, field.length);
        System.arraycopy(message, 0, signed, field.length, message.length);
        return signed;
    }

    /** The same message, signed. */
    public OutgoingMessage sign(OutgoingMessage message) {
        return message.withFieldsAdded(sign(message.bytes()));
    }

    public DkimKey key() {
        return key;
    }

    private byte[] rsaSha256(byte[] data, int length) {
        try {
            Signature signature = newSignature();
            signature.update(data, 0, length);
            return signature.sign();
        } catch (SignatureException e) {
            throw new IllegalStateException("cannot sign with the DKIM key: " + e.getMessage(), e);
        }
    }

    private Signature newSignature() {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key.privateKey());
            return signature;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(ALGORITHM + " is required by every Java platform", e);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the DKIM key for " + key.dnsName() + " cannot sign: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Writes a header field folded at {@value #LINE_LIMIT} characters. RFC 6376 section 3.2 allows
     * folding whitespace between tags, around the colons of {@code h=} and anywhere in the base64 of
     * {@code b=}, which is where this folds.
     */
    private static final class Folder {
        private final StringBuilder text = new StringBuilder(640);
        private int lineLength;

        Folder(String name) {
            text.append(name);
            lineLength = name.length();
        }

        /** A tag, after a space, or at the start of the next line if it does not fit on this one. */
        Folder tag(String tag) {
            if (lineLength + 1 + tag.length() > LINE_LIMIT) {
                newLine();
            } else {
                append(" ");
            }
            return append(tag);
        }

        /** {@code NAME=a:b:c;}, broken after a colon where the next name does not fit. */
        Folder list(String name, List<String> values) {
            tag(name + "=" + values.get(0) + (values.size() == 1 ? ";" : ":"));
            for (int i = 1; i < values.size(); i++) {
                String part = values.get(i) + (i == values.size() - 1 ? ";" : ":");
                if (lineLength + part.length() > LINE_LIMIT) {
                    newLine();
                }
                append(part);
            }
            return this;
        }

        Folder newLine() {
            text.append("\r\n\t");
            lineLength = 1;
            return this;
        }

        Folder append(String part) {
            text.append(part);
            lineLength += part.length();
            return this;
        }

        /** Appends {@code value}, filling each line to the limit. */
        void fill(String value) {
            int i = 0;
            while (i < value.length()) {
                if (lineLength >= LINE_LIMIT) {
                    newLine();
                }
                int take = Math.min(value.length() - i, LINE_LIMIT - lineLength);
                append(value.substring(i, i + take));
                i += take;
            }
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
