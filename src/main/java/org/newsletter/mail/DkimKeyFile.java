package org.newsletter.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RSA private key a DKIM signature is made with, in the forms OpenSSL writes: PEM
 * {@code BEGIN PRIVATE KEY} (PKCS#8, what {@code openssl genpkey} writes), PEM {@code BEGIN RSA
 * PRIVATE KEY} (PKCS#1, what {@code openssl genrsa} before OpenSSL 3, and so older {@code opendkim-genkey},
 * wrote) and
 * binary DER of either. PKCS#1 is read without BouncyCastle by wrapping it in the PKCS#8 envelope the
 * JDK understands (RFC 5208 section 5, RFC 8017 appendix A.1.2).
 *
 * <p>Every failure is an {@link IllegalArgumentException} with one line that names the file, says
 * what is wrong with it and how to make a good one: a key file is set up once, by hand, and the error
 * is all the help its owner gets.
 */
public final class DkimKeyFile {

    /** RFC 8301 section 3.2: signers MUST use RSA keys of at least 1024 bits (and SHOULD use 2048). */
    public static final int MINIMUM_BITS = 1024;

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** The key types a private key file may hold, to name the one found when it is not RSA. */
    private static final List<String> OTHER_ALGORITHMS = List.of("EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA", "X25519", "X448");

    private DkimKeyFile() {
    }

    /** The key in {@code file}, checked to be RSA of at least {@value #MINIMUM_BITS} bits. */
    public static RSAPrivateKey read(Path file) {
        byte[] content = readBytes(file);
        String text = new String(content, StandardCharsets.ISO_8859_1);
        RSAPrivateKey key = text.contains("-----BEGIN ") ? fromPem(file, text) : fromDer(file, content);
        int bits = key.getModulus().bitLength();
        if (bits < MINIMUM_BITS) {
            throw problem(file, "holds a " + bits + "-bit RSA key, but RFC 8301 requires at least " + MINIMUM_BITS
                    + " bits (2048 recommended)");
        }
        return key;
    }

    /** The command that makes a good key file at {@code file}, for error messages and documentation. */
    public static String generateCommand(Path file) {
        return "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + file;
    }

    private static byte[] readBytes(Path file) {
        if (Files.isDirectory(file)) {
            throw problem(file, "is a directory, not a key file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("DKIM key file " + file + " cannot be read (permission denied): let the user"
                    + " who runs newsletter read it, and nobody else", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("DKIM key file " + file + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static RSAPrivateKey fromPem(Path file, String text) {
        Matcher block = PEM_BLOCK.matcher(text);
        String named = null;
        while (block.find()) {
            String label = block.group(1);
            // The label to complain about: the first private key's, else the first block's.
            boolean better = named == null || !named.endsWith("PRIVATE KEY") && label.endsWith("PRIVATE KEY");
            named = better ? label : named;
            String body = block.group(2);
            switch (label) {
                case "PRIVATE KEY":
                    return parsePkcs8(file, base64(file, body), "has a PEM \"PRIVATE KEY\" block that is not a valid key");
                case "RSA PRIVATE KEY":
                    if (body.contains("ENCRYPTED")) {
                        throw encrypted(file);
                    }
                    return parsePkcs8(file, pkcs1ToPkcs8(base64(file, body)),
                            "has a PEM \"RSA PRIVATE KEY\" block that is not a valid key");
                case "ENCRYPTED PRIVATE KEY":
                    throw encrypted(file);
                default:
                    // EC PARAMETERS before an EC key, a certificate before the key: look further.
            }
        }
        if (named == null) {
            throw problem(file, "has a PEM header but no complete BEGIN/END block");
        }
        if (named.endsWith("PUBLIC KEY") || named.equals("CERTIFICATE")) {
            throw new IllegalArgumentException("DKIM key file " + file + " holds a " + named.toLowerCase(Locale.ROOT)
                    + ", not the private key (the public key goes in DNS): name the private key file instead");
        }
        throw problem(file, "holds a PEM \"" + named + "\" block, but DKIM signing here needs an RSA private key");
    }

    private static RSAPrivateKey fromDer(Path file, byte[] der) {
        if (der.length == 0) {
            throw problem(file, "is empty");
        }
        String invalid = "is not a private key in PEM or DER form";
        try {
            return parsePkcs8(file, der, invalid);
        } catch (IllegalArgumentException notPkcs8) {
            try {
                return parsePkcs8(file, pkcs1ToPkcs8(der), invalid);
            } catch (IllegalArgumentException notPkcs1) {
                // Report the PKCS#8 reading: it names other key types, which the PKCS#1 attempt cannot.
                notPkcs8.addSuppressed(notPkcs1);
                throw notPkcs8;
            }
        }
    }

    private static RSAPrivateKey parsePkcs8(Path file, byte[] der, String invalid) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(spec);
            if (key instanceof RSAPrivateKey rsa) {
                return rsa;
            }
        } catch (InvalidKeySpecException e) {
            // Not an RSA key in PKCS#8: find out what it is, to say so.
            String other = otherAlgorithm(spec);
            if (other != null) {
                throw problem(file, "holds a private key of type " + other + ", but DKIM signing here needs an RSA key (rsa-sha256)", e);
            }
            throw problem(file, invalid, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is required by every Java platform", e);
        }
        throw problem(file, invalid);
    }

    private static String otherAlgorithm(PKCS8EncodedKeySpec spec) {
        for (String algorithm : OTHER_ALGORITHMS) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(spec);
                return algorithm;
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                // Not this one either; the caller reports the file as malformed when none fits.
            }
        }
        return null;
    }

    private static byte[] base64(Path file, String pemBody) {
        try {
            // Strict, unlike the MIME decoder, which skips characters it does not know and so hides damage.
            return Base64.getDecoder().decode(WHITESPACE.matcher(pemBody).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw problem(file, "has a PEM block whose base64 is damaged (" + e.getMessage() + ")", e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } } (RFC 5208). */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] octetString = derElement(0x04, pkcs1);
        byte[] version = {0x02, 0x01, 0x00};
        byte[] content = new byte[version.length + RSA_ALGORITHM_IDENTIFIER.length + octetString.length];
        System.arraycopy(version, 0, content, 0, version.length);
        System.arraycopy(RSA_ALGORITHM_IDENTIFIER, 0, content, version.length, RSA_ALGORITHM_IDENTIFIER.length);
        System.arraycopy(octetString, 0, content, version.length + RSA_ALGORITHM_IDENTIFIER.length, octetString.length);
        return derElement(0x30, content);
    }

    /** One DER element: tag, definite length (short or long form, X.690 section 8.1.3), content. */
    private static byte[] derElement(int tag, byte[] content) {
        int length = content.length;
        int lengthBytes = length < 0x80 ? 0 : length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;
        byte[] out = new byte[2 + lengthBytes + length];
        out[0] = (byte) tag;
        if (lengthBytes == 0) {
            out[1] = (byte) length;
        } else {
            out[1] = (byte) (0x80 | lengthBytes);
            for (int i = 0; i < lengthBytes; i++) {
                out[2 + i] = (byte) (length >>> (8 * (lengthBytes - 1 - i)));
            }
        }
        System.arraycopy(content, 0, out, 2 + lengthBytes, length);
        return out;
    }

    private static IllegalArgumentException encrypted(Path file) {
        return new IllegalArgumentException("DKIM key file " + file + " is encrypted with a passphrase: write an unencrypted copy"
                + " readable only by the sender, e.g. openssl pkey -in " + file + " -out dkim.pem");
    }

    private static IllegalArgumentException problem(Path file, String what) {
        return problem(file, what, null);
    }

    private static IllegalArgumentException problem(Path file, String what, Exception cause) {
        return new IllegalArgumentException("DKIM key file " + file + " " + what + ": create one with: " + generateCommand(file), cause);
    }
}
