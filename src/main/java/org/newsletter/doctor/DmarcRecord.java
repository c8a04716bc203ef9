package org.newsletter.doctor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A DMARC policy record (RFC 7489 section 6.3): {@code v=DMARC1} first, then tags such as {@code p},
 * {@code rua}, {@code adkim} and {@code aspf}. Only what doctor reports and aligns by is read.
 *
 * @param where the name it was found at ({@code _dmarc.DOMAIN})
 */
record DmarcRecord(String where, Map<String, String> tags) {

    /** The record in {@code text}, or empty when it is not a DMARC record. */
    static Optional<DmarcRecord> parse(String where, String text) {
        String[] parts = text.split(";");
        if (!parts[0].strip().replace(" ", "").equalsIgnoreCase("v=DMARC1")) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0) {
                tags.put(parts[i].substring(0, equals).strip().toLowerCase(Locale.ROOT), parts[i].substring(equals + 1).strip());
            }
        }
        return Optional.of(new DmarcRecord(where, Map.copyOf(tags)));
    }

    /** {@code none}, {@code quarantine} or {@code reject}; empty when the record has no valid p= (RFC 7489 section 6.6.3 then reads it as none). */
    String policy() {
        return tags.getOrDefault("p", "").toLowerCase(Locale.ROOT);
    }

    /** The policy for mail from a subdomain of the organisational domain ({@code sp}, else {@code p}). */
    String subdomainPolicy() {
        return tags.containsKey("sp") ? tags.get("sp").toLowerCase(Locale.ROOT) : policy();
    }

    boolean strictDkim() {
        return "s".equalsIgnoreCase(tags.get("adkim"));
    }

    boolean strictSpf() {
        return "s".equalsIgnoreCase(tags.get("aspf"));
    }

    String reports() {
        return tags.getOrDefault("rua", "");
    }

    /** Quarantine or reject: receivers act on a failure. */
    boolean enforcing() {
        return policy().equals("quarantine") || policy().equals("reject");
    }
}
