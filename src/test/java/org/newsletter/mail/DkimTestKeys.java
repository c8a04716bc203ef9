package org.newsletter.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/** Keys made by the JDK for DKIM tests, written in the file forms people have; no key is committed. */
final class DkimTestKeys {

    private DkimTestKeys() {
    }

    static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        return generate("RSA", bits);
    }

    /** The TXT record for the public key, made here from the JDK's own encoding, not by the code under test. */
    static String txtRecord(PublicKey key) {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** PEM as OpenSSL writes it: base64 in 64-character lines between BEGIN and END (RFC 7468). */
    static Path writePem(Path file, String label, byte[] der) {
        String pem = "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
        return write(file, pem.getBytes(StandardCharsets.US_ASCII));
    }

    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The PKCS#1 RSAPrivateKey inside the JDK's PKCS#8 encoding: the content of the OCTET STRING that
     * follows the version and the AlgorithmIdentifier (RFC 5208 section 5).
     */
    static byte[] pkcs1(KeyPair pair) {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        int[] at = {0};
        expect(pkcs8, at, 0x30);
        length(pkcs8, at);
        expect(pkcs8, at, 0x02); // version
        int version = length(pkcs8, at);
        at[0] += version;
        expect(pkcs8, at, 0x30); // AlgorithmIdentifier
        int algorithm = length(pkcs8, at);
        at[0] += algorithm;
        expect(pkcs8, at, 0x04);
        int length = length(pkcs8, at);
        return Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
    }

    private static void expect(byte[] der, int[] at, int tag) {
        if ((der[at[0]] & 0xff) != tag) {
            throw new IllegalStateException("unexpected DER tag " + der[at[0]] + " at " + at[0]);
        }
        at[0]++;
    }

    private static int length(byte[] der, int[] at) {
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }
}
