package org.newsletter.doctor;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.newsletter.config.SendingSettings;
import org.newsletter.mail.DkimKey;
import org.newsletter.mail.DkimKeyFile;

/**
 * Item 2: the key record at {@code SELECTOR._domainkey.DOMAIN} (RFC 6376 section 3.6.2.1) is the public
 * half of the configured key, of at least 1024 bits (RFC 8301 section 3.2; 2048 recommended), and
 * not in testing mode ({@code t=y}, section 3.6.1).
 */
final class DkimCheck {

    static final String ID = "dkim";
    private static final int RECOMMENDED_BITS = 2048;

    private final Dns dns;

    DkimCheck(Dns dns) {
        this.dns = dns;
    }

    Finding check(SendingIdentity identity) {
        SendingSettings.Dkim settings = identity.dkim();
        if (settings == null) {
            return Finding.fail(ID, "messages are not DKIM-signed; Gmail, Yahoo and Outlook.com require a signature for bulk mail",
                    "make a key (" + DkimKeyFile.generateCommand(java.nio.file.Path.of("/etc/newsletter/dkim.pem")) + ") and add to newsletter.yaml:"
                            + " dkim: {domain: " + identity.fromDomain() + ", selector: news, key: /etc/newsletter/dkim.pem}");
        }
        DkimKey key;
        try {
            key = new DkimKey(settings.domain(), settings.selector(), DkimKeyFile.read(settings.keyFile()));
        } catch (IllegalArgumentException e) {
            return Finding.fail(ID, e.getMessage(), DkimKeyFile.generateCommand(settings.keyFile()) + ", then publish its record (newsletter doctor"
                    + " prints it)");
        }
        String name = key.dnsName();
        String wanted = key.dnsRecord();
        String wantedKey = tags(wanted).get("p");
        List<String> records = dns.txt(name).stream().filter(r -> tags(r).containsKey("p")).toList();
        if (records.isEmpty()) {
            return Finding.fail(ID, "no DKIM key record at " + name, "publish TXT at " + name + ": " + wanted);
        }
        Map<String, String> tags = tags(records.get(0));
        String published = tags.get("p").replaceAll("\\s+", "");
        if (published.isEmpty()) {
            return Finding.fail(ID, "the key at " + name + " is revoked (empty p=)", "publish TXT at " + name + ": " + wanted);
        }
        int publishedBits = bits(published);
        if (!published.equals(wantedKey)) {
            return Finding.fail(ID, "the record at " + name + " is for another key" + (publishedBits > 0 ? " (" + publishedBits + " bits)" : "")
                    + " than the key in " + settings.keyFile().getFileName(), "publish TXT at " + name + ": " + wanted + " (replacing the old one), or set dkim.key to the key"
                    + " that record was made from");
        }
        int bits = key.privateKey().getModulus().bitLength();
        boolean testing = tags.getOrDefault("t", "").toLowerCase(Locale.ROOT).matches("(.*:)?\\s*y\\s*(:.*)?");
        String found = "the record at " + name + " matches the key (" + bits + " bits)";
        if (bits < RECOMMENDED_BITS) {
            return Finding.warn(ID, found + "; " + RECOMMENDED_BITS + " bits are recommended (RFC 8301 section 3.2)",
                    DkimKeyFile.generateCommand(settings.keyFile()) + " with a new selector, publish its record, then switch");
        }
        if (testing) {
            return Finding.warn(ID, found + ", but t=y (testing): receivers may treat signed mail as unsigned",
                    "remove t=y from the record at " + name + " once mail verifies");
        }
        return Finding.ok(ID, found);
    }

    /** The tag=value pairs of a key record (RFC 6376 section 3.2). */
    static Map<String, String> tags(String record) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : record.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                tags.put(part.substring(0, equals).strip().toLowerCase(Locale.ROOT), part.substring(equals + 1).strip());
            }
        }
        return tags;
    }

    /** The size of the RSA key in a p= value, or 0 when it is not one. */
    private static int bits(String base64) {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return key.getModulus().bitLength();
        } catch (IllegalArgumentException | InvalidKeySpecException | NoSuchAlgorithmException | ClassCastException e) {
            return 0;
        }
    }
}
