package org.newsletter.doctor;

import java.util.Optional;

/**
 * Item 9: a From address at a domain that publishes DMARC quarantine or reject, and that nothing we
 * sign or send as aligns with (a mailbox provider's, such as gmail.com or yahoo.com: their policy is
 * read, not listed here), is rejected or sent to spam by every receiver that applies DMARC.
 */
final class ProviderCheck {

    static final String ID = "provider";

    private ProviderCheck() {
    }

    static Finding check(SendingIdentity identity, Optional<DmarcRecord> dmarc) {
        String from = identity.fromDomain();
        if (dmarc.isEmpty() || !dmarc.get().enforcing()) {
            return Finding.ok(ID, from + " publishes no quarantine or reject policy that would stop mail sent from elsewhere");
        }
        boolean dkimAligned = identity.dkim() != null && OrganisationalDomain.aligned(identity.dkim().domain(), from, dmarc.get().strictDkim());
        boolean spfAligned = OrganisationalDomain.aligned(identity.envelopeDomain(), from, dmarc.get().strictSpf());
        if (dkimAligned || spfAligned) {
            return Finding.ok(ID, from + " has p=" + dmarc.get().policy() + ", and mail is sent as " + (dkimAligned ? "d=" + identity.dkim().domain()
                    : identity.envelopeDomain()) + ", which aligns with it");
        }
        return Finding.fail(ID, "the sender " + identity.fromAddress() + " is at " + from + ", whose DMARC policy is p=" + dmarc.get().policy()
                + ": mail From it sent through anyone else is rejected or marked as spam",
                "send from an address at your own domain (sender: in newsletter.yaml), and sign for that domain with DKIM");
    }
}
