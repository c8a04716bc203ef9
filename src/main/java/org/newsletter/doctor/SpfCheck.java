package org.newsletter.doctor;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Item 1: one SPF record at the envelope domain, within the lookup limit, passing for the relay (RFC 7208). */
final class SpfCheck {

    static final String ID = "spf";

    private final Spf spf;

    SpfCheck(Dns dns) {
        this.spf = new Spf(dns);
    }

    /** @param relayAddresses the relay's addresses, or null when the transport is the outbox */
    Finding check(SendingIdentity identity, List<InetAddress> relayAddresses) {
        String domain = identity.envelopeDomain();
        String mechanism = identity.relay() == null ? "a:YOUR-SMTP-RELAY" : identity.relay().host().matches("[0-9.]+")
                ? "ip4:" + identity.relay().host() : identity.relay().host().contains(":") ? "ip6:" + identity.relay().host() : "a:" + identity.relay().host();
        List<String> records = spf.records(domain);
        if (records.isEmpty()) {
            return Finding.fail(ID, "no SPF record at " + domain + " (the envelope domain)", "publish TXT at " + domain + ": v=spf1 " + mechanism + " -all");
        }
        if (records.size() > 1) {
            return Finding.fail(ID, records.size() + " SPF records at " + domain + "; receivers treat that as an error (RFC 7208 section 4.5)",
                    "merge them into one TXT record at " + domain + " starting v=spf1, and delete the others");
        }
        String record = records.get(0);
        int lookups = spf.lookups(domain);
        if (lookups > Spf.LOOKUP_LIMIT) {
            return Finding.fail(ID, "the SPF record at " + domain + " needs " + lookups + " DNS lookups (include, a, mx, ptr, exists, redirect);"
                    + " receivers stop at " + Spf.LOOKUP_LIMIT + " (RFC 7208 section 4.6.4)",
                    "replace include: terms at " + domain + " with the ip4:/ip6: ranges they list, or drop senders you no longer use");
        }
        if (relayAddresses == null) {
            return Finding.ok(ID, "\"" + record + "\" at " + domain + " (not tested against a relay: the transport is the outbox)");
        }
        List<String> problems = new ArrayList<>();
        boolean internalOnly = true;
        for (InetAddress address : relayAddresses) {
            Spf.Outcome outcome = spf.check(address, domain, "bounces@" + domain);
            if (outcome.result() == Spf.Result.PASS) {
                continue;
            }
            if (outcome.result() == Spf.Result.TEMPERROR) {
                return Finding.skip(ID, "not evaluated for " + address.getHostAddress() + ": " + outcome.why());
            }
            internalOnly &= RelayAddresses.internal(address);
            problems.add(outcome.result().word() + " for the relay " + identity.relay().host() + " (" + address.getHostAddress() + "): " + outcome.why());
        }
        if (problems.isEmpty()) {
            return Finding.ok(ID, "\"" + record + "\" at " + domain + " passes for the relay " + identity.relay().host() + " (" + lookups + " of "
                    + Spf.LOOKUP_LIMIT + " lookups)");
        }
        String fix = "publish TXT at " + domain + ": " + withMechanism(record, mechanism);
        if (internalOnly) {
            return Finding.warn(ID, String.join("; ", problems) + "; the relay is on a private network, so what counts is the address its mail"
                    + " leaves from", "make sure the SPF record at " + domain + " lists the address your relay sends from");
        }
        return Finding.fail(ID, String.join("; ", problems), fix);
    }

    /** The record with {@code mechanism} added before its final {@code all}. */
    static String withMechanism(String record, String mechanism) {
        String[] words = record.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        boolean added = false;
        for (String word : words) {
            if (!added && word.toLowerCase(java.util.Locale.ROOT).matches("[-~?+]?all|redirect=.*")) {
                out.append(' ').append(mechanism);
                added = true;
            }
            out.append(out.length() == 0 ? "" : " ").append(word);
        }
        return added ? out.toString() : out + " " + mechanism + " -all";
    }
}
