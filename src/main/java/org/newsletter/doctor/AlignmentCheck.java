package org.newsletter.doctor;

/**
 * DMARC identifier alignment (RFC 7489 section 3.1): the From domain must share its organisational
 * domain (relaxed) or be the same name (strict, {@code adkim=s} / {@code aspf=s}) with the DKIM
 * signing domain or the SPF (envelope) domain. Needs no DNS, so {@code check} and {@code send} run it
 * too. A DKIM domain that does not align fails even when SPF aligns: SPF breaks on every forward, and
 * then nothing aligns.
 */
public final class AlignmentCheck {

    static final String ID = "alignment";

    private AlignmentCheck() {
    }

    /** Relaxed alignment, as DMARC's default; what {@code check} and {@code send} run. */
    public static Finding check(SendingIdentity identity) {
        return check(identity, false, false);
    }

    static Finding check(SendingIdentity identity, boolean strictDkim, boolean strictSpf) {
        String from = identity.fromDomain();
        boolean spfAligned = OrganisationalDomain.aligned(identity.envelopeDomain(), from, strictSpf);
        String mode = strictDkim || strictSpf ? " (strict, as the DMARC record asks)" : "";
        if (identity.dkim() != null) {
            String d = identity.dkim().domain();
            if (!OrganisationalDomain.aligned(d, from, strictDkim)) {
                return Finding.fail(ID, "DKIM domain " + d + " is not aligned with the From domain " + from + mode,
                        "set dkim.domain to " + from + " in newsletter.yaml and publish the key at " + identity.dkim().selector() + "._domainkey."
                                + from);
            }
            if (!spfAligned) {
                return Finding.warn(ID, "DKIM d=" + d + " aligns with From " + from + "; the envelope domain " + identity.envelopeDomain()
                        + " does not" + mode, "set bounce_address to an address at " + from + " (or a subdomain of it)");
            }
            return Finding.ok(ID, "From " + from + " aligns with DKIM d=" + d + " and SPF " + identity.envelopeDomain() + mode);
        }
        if (!spfAligned) {
            return Finding.fail(ID, "nothing aligns with the From domain " + from + ": no DKIM signature, and the envelope domain "
                    + identity.envelopeDomain() + " differs" + mode, "set bounce_address to an address at " + from
                    + ", and sign with dkim: {domain: " + from + ", selector: news, key: ...}");
        }
        return Finding.ok(ID, "From " + from + " aligns with SPF " + identity.envelopeDomain() + " (no DKIM signature)" + mode);
    }
}
