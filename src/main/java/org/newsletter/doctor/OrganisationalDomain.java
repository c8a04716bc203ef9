package org.newsletter.doctor;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * The organisational domain of RFC 7489 section 3.2: the public suffix (from the Public Suffix List,
 * which Guava carries and refreshes with each release) plus one label. A name under no listed suffix
 * falls back to the list's implicit rule {@code *}: its last two labels.
 */
final class OrganisationalDomain {

    private OrganisationalDomain() {
    }

    static String of(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            InternetDomainName parsed = InternetDomainName.from(name);
            if (parsed.isUnderPublicSuffix()) {
                return parsed.topPrivateDomain().toString();
            }
            if (parsed.isPublicSuffix()) {
                return name;
            }
        } catch (IllegalArgumentException e) {
            // Not a name Guava accepts (e.g. a label with an underscore): the implicit rule below still applies.
            return lastTwoLabels(name);
        }
        return lastTwoLabels(name);
    }

    private static String lastTwoLabels(String name) {
        int last = name.lastIndexOf('.');
        int before = last <= 0 ? -1 : name.lastIndexOf('.', last - 1);
        return before < 0 ? name : name.substring(before + 1);
    }

    /** RFC 7489 section 3.1: relaxed means the same organisational domain, strict the same name. */
    static boolean aligned(String a, String b, boolean strict) {
        return strict ? a.equalsIgnoreCase(b) : of(a).equals(of(b));
    }
}
