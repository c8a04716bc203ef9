package org.newsletter.doctor;

import java.util.List;
import java.util.Optional;

/**
 * Item 3: a DMARC record (RFC 7489 section 6.1) at {@code _dmarc.FROM-DOMAIN}, else at the
 * organisational domain's {@code _dmarc} (section 6.6.3), with its policy and where reports go.
 */
final class DmarcCheck {

    static final String ID = "dmarc";

    private final Dns dns;

    DmarcCheck(Dns dns) {
        this.dns = dns;
    }

    /** The record that governs mail From {@code domain}, or empty when there is none. */
    Optional<DmarcRecord> find(String domain) {
        List<DmarcRecord> records = at(domain);
        String organisational = OrganisationalDomain.of(domain);
        if (records.isEmpty() && !organisational.equalsIgnoreCase(domain)) {
            records = at(organisational);
        }
        return records.size() == 1 ? Optional.of(records.get(0)) : Optional.empty();
    }

    private List<DmarcRecord> at(String domain) {
        String name = "_dmarc." + domain;
        return dns.txt(name).stream().map(text -> DmarcRecord.parse(name, text)).flatMap(Optional::stream).toList();
    }

    Finding check(SendingIdentity identity) {
        String from = identity.fromDomain();
        String organisational = OrganisationalDomain.of(from);
        String suggestion = "v=DMARC1; p=none; rua=mailto:dmarc-reports@" + organisational;
        if (at(from).size() > 1 || at(from).isEmpty() && !organisational.equals(from) && at(organisational).size() > 1) {
            return Finding.fail(ID, "more than one DMARC record for " + from + ": receivers then apply none (RFC 7489 section 6.6.3)",
                    "keep one TXT record at _dmarc." + organisational + ": " + suggestion);
        }
        Optional<DmarcRecord> found = find(from);
        if (found.isEmpty()) {
            return Finding.fail(ID, "no DMARC record at _dmarc." + from + (organisational.equals(from) ? "" : " or _dmarc." + organisational),
                    "publish TXT at _dmarc." + organisational + ": " + suggestion);
        }
        DmarcRecord record = found.get();
        String policy = record.policy();
        if (!List.of("none", "quarantine", "reject").contains(policy)) {
            return Finding.fail(ID, "the record at " + record.where() + " has no valid policy (p=" + policy + ")",
                    "publish TXT at " + record.where() + ": " + suggestion);
        }
        if (record.reports().isEmpty()) {
            return Finding.warn(ID, "p=" + policy + " at " + record.where() + ", but no rua=: nobody receives the aggregate reports",
                    "add rua=mailto:dmarc-reports@" + organisational + " to the record at " + record.where());
        }
        return Finding.ok(ID, "p=" + policy + " at " + record.where() + ", reports to " + record.reports());
    }
}
