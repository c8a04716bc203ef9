package org.newsletter.doctor;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a sending set-up the way Gmail, Yahoo and Outlook.com judge it: SPF, DKIM, DMARC, alignment,
 * reverse DNS, MX, relay TLS, unsubscribe and the From domain's own policy, one {@link Finding} each,
 * in that order. An item whose DNS does not answer is reported as not checked ({@code skip}), never
 * as failed.
 */
public final class Doctor {

    /** The ids, in the order of the checklist. */
    public static final List<String> IDS = List.of(SpfCheck.ID, DkimCheck.ID, DmarcCheck.ID, AlignmentCheck.ID, PtrCheck.ID, MxCheck.ID,
            RelayTlsCheck.ID, UnsubscribeCheck.ID, ProviderCheck.ID);

    private final Dns dns;
    private final Network network;

    public Doctor(Dns dns, Network network) {
        this.dns = dns;
        this.network = network;
    }

    /**
     * Every item.
     *
     * @param sample builds a message as send would, or gives null when there is no issue; called once
     */
    public List<Finding> examine(SendingIdentity identity, Supplier<SampleMessage> sample) {
        List<Finding> findings = new ArrayList<>();
        List<InetAddress> relay = null;
        String relayProblem = null;
        if (identity.relay() != null) {
            try {
                relay = RelayAddresses.of(identity.relay(), dns);
            } catch (DnsUnavailableException e) {
                relayProblem = e.getMessage();
            }
        }
        List<InetAddress> relayAddresses = relay;
        String unresolved = relayProblem;
        DmarcCheck dmarc = new DmarcCheck(dns);
        findings.add(guarded(SpfCheck.ID, unresolved, () -> new SpfCheck(dns).check(identity, relayAddresses)));
        findings.add(guarded(DkimCheck.ID, null, () -> new DkimCheck(dns).check(identity)));
        findings.add(guarded(DmarcCheck.ID, null, () -> dmarc.check(identity)));
        Optional<DmarcRecord> policy = dnsOrEmpty(() -> dmarc.find(identity.fromDomain()));
        findings.add(policy.map(p -> AlignmentCheck.check(identity, p.strictDkim(), p.strictSpf())).orElseGet(() -> AlignmentCheck.check(identity)));
        findings.add(guarded(PtrCheck.ID, unresolved, () -> new PtrCheck(dns).check(identity, relayAddresses)));
        findings.add(guarded(MxCheck.ID, null, () -> new MxCheck(dns).check(identity)));
        findings.add(guarded(RelayTlsCheck.ID, unresolved, () -> new RelayTlsCheck(network).check(identity, relayAddresses)));
        findings.add(new UnsubscribeCheck(network).check(identity, sample.get()));
        Finding provider = guarded(ProviderCheck.ID, null, () -> ProviderCheck.check(identity, dmarc.find(identity.fromDomain())));
        findings.add(provider);
        if (provider.failed()) {
            // From at someone else's domain: aligning with it is impossible, and the provider item says what to do instead.
            int alignment = IDS.indexOf(AlignmentCheck.ID);
            findings.set(alignment, Finding.skip(AlignmentCheck.ID, "not meaningful while the sender is at " + identity.fromDomain()
                    + " (see provider): " + findings.get(alignment).detail()));
        }
        return findings;
    }

    /**
     * The items that need no network: alignment only, for {@code check} and {@code send}. The other
     * items need DNS; {@link #examine} runs them.
     */
    public static Finding alignment(SendingIdentity identity) {
        return AlignmentCheck.check(identity);
    }

    private static Finding guarded(String id, String unresolvedRelay, Supplier<Finding> check) {
        if (unresolvedRelay != null) {
            return Finding.skip(id, "not checked: " + unresolvedRelay);
        }
        try {
            return check.get();
        } catch (DnsUnavailableException e) {
            return Finding.skip(id, "not checked: " + e.getMessage());
        }
    }

    private static <T> Optional<T> dnsOrEmpty(Supplier<Optional<T>> lookup) {
        try {
            return lookup.get();
        } catch (DnsUnavailableException e) {
            return Optional.empty();
        }
    }

    /** The one-line summary send prints: "doctor: 9 ok", or the first failure and where to look. */
    public static String summary(List<Finding> findings) {
        Optional<Finding> failed = findings.stream().filter(Finding::failed).findFirst();
        if (failed.isPresent()) {
            return "doctor: " + failed.get().id() + ": " + failed.get().detail() + "; run newsletter doctor";
        }
        long ok = findings.stream().filter(f -> f.status() == Finding.Status.OK).count();
        long warn = findings.stream().filter(f -> f.status() == Finding.Status.WARN).count();
        long skip = findings.stream().filter(f -> f.status() == Finding.Status.SKIP).count();
        return "doctor: " + ok + " ok" + (warn > 0 ? ", " + warn + " warning" + (warn == 1 ? "" : "s") : "")
                + (skip > 0 ? ", " + skip + " not checked" : "") + (warn > 0 ? "; run newsletter doctor" : "");
    }
}
