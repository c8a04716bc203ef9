package org.newsletter.doctor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Item 6: replies and reports can arrive: the From and Reply-To domains have MX records, or an
 * address to fall back on (RFC 5321 section 5.1), and no null MX (RFC 7505).
 */
final class MxCheck {

    static final String ID = "mx";

    private final Dns dns;

    MxCheck(Dns dns) {
        this.dns = dns;
    }

    Finding check(SendingIdentity identity) {
        Set<String> domains = new LinkedHashSet<>(List.of(identity.fromDomain(), identity.replyToDomain()));
        List<String> found = new ArrayList<>();
        for (String domain : domains) {
            List<Dns.MailExchanger> mx = dns.mx(domain);
            if (mx.size() == 1 && mx.get(0).host().isEmpty()) {
                return Finding.fail(ID, domain + " has a null MX (RFC 7505): it accepts no mail, so replies to it cannot arrive",
                        "replace the MX record at " + domain + " with one naming your mail server, e.g. " + domain + ". MX 10 mail." + domain + ".");
            }
            if (!mx.isEmpty()) {
                found.add(domain + " MX " + mx.get(0).host());
                continue;
            }
            if (!dns.addresses(domain).isEmpty()) {
                found.add(domain + " (no MX; its A record receives)");
                continue;
            }
            return Finding.fail(ID, domain + " has no MX or A record: replies, bounces and complaints to it cannot arrive",
                    "publish MX at " + domain + " naming the server that receives its mail, e.g. " + domain + ". MX 10 mail." + domain + ".");
        }
        return Finding.ok(ID, String.join(", ", found));
    }
}
