package org.newsletter.mail;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who signs, once the key is read (the {@code dkim:} settings are {@code config.SendingSettings.Dkim}): the signing domain ({@code d=}), the selector ({@code s=}) and the RSA private key whose
 * public half is published in DNS at {@code SELECTOR._domainkey.DOMAIN} (RFC 6376 section 3.6.2.1).
 * Domain and selector go into a header and a DNS name, so they are checked here, once, against the
 * DNS label syntax RFC 6376 section 3.5 refers to (RFC 5321 section 4.1.2 {@code sub-domain}): letters,
 * digits and inner hyphens, at most 63 characters a label; a line break is refused before anything else.
 *
 * @param domain     the signing domain, normally the From address's domain (so that DMARC aligns)
 * @param selector   one or more labels naming the key, e.g. {@code news2024}
 * @param privateKey RSA, at least {@value DkimKeyFile#MINIMUM_BITS} bits (RFC 8301 section 3.2)
 */
public record DkimKey(String domain, String selector, RSAPrivateKey privateKey) {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    public DkimKey {
        domain = checkName("DKIM signing domain", domain, "e.g. example.org, the domain of the From address", true);
        selector = checkName("DKIM selector", selector, "e.g. news2024", false);
        Objects.requireNonNull(privateKey, "privateKey");
        int bits = privateKey.getModulus().bitLength();
        if (bits < DkimKeyFile.MINIMUM_BITS) {
            throw new IllegalArgumentException("DKIM key has " + bits + " bits, but RFC 8301 requires at least "
                    + DkimKeyFile.MINIMUM_BITS + " (2048 recommended)");
        }
    }

    /** The signing key read from {@code keyFile} (see {@link DkimKeyFile#read}). */
    public static DkimKey load(String domain, String selector, Path keyFile) {
        checkName("DKIM signing domain", domain, "e.g. example.org, the domain of the From address", true);
        checkName("DKIM selector", selector, "e.g. news2024", false);
        return new DkimKey(domain, selector, DkimKeyFile.read(keyFile));
    }

    /** Where verifiers look the public key up: {@code SELECTOR._domainkey.DOMAIN} (RFC 6376 section 3.6.2.1). */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    /**
     * The TXT record to publish at {@link #dnsName()} (RFC 6376 section 3.6.1), derived from the private
     * key: {@code v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>}. A DNS TXT string holds at most 255
     * characters, so a 2048-bit key's record is entered as two quoted strings; most DNS consoles split it.
     */
    public String dnsRecord() {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("the DKIM key has no public exponent, so its DNS record cannot be derived from it");
        }
        BigInteger modulus = crt.getModulus();
        try {
            byte[] publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, crt.getPublicExponent())).getEncoded();
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("cannot derive the RSA public key: " + e.getMessage(), e);
        }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "DkimKey[d=" + domain + ", s=" + selector + ", RSA " + privateKey.getModulus().bitLength() + " bits]";
    }

    private static String checkName(String what, String value, String example, boolean needsDot) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty: set it, " + example);
        }
        HeaderValues.requireSingleLine(what, value);
        String[] labels = value.split("\\.", -1);
        boolean valid = value.length() <= 253 && (!needsDot || labels.length >= 2);
        for (String label : labels) {
            valid &= LABEL.matcher(label).matches();
        }
        if (!valid) {
            throw new IllegalArgumentException(what + " \"" + value + "\" is not valid: use dot-separated labels of letters,"
                    + " digits and inner hyphens, at most 63 characters each"
                    + (needsDot ? " and at least two labels (an international domain in its xn-- form)" : "") + ", " + example);
        }
        return value;
    }
}
