package org.newsletter.doctor;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Item 5: forward-confirmed reverse DNS of the relay (Gmail's 4.7.23 / 5.7.25): its address has a PTR
 * whose name resolves back to that address. Internal relays are skipped, and said so: their mail
 * leaves from another address.
 */
final class PtrCheck {

    static final String ID = "ptr";

    private final Dns dns;

    PtrCheck(Dns dns) {
        this.dns = dns;
    }

    /** @param relayAddresses the relay's addresses, or null when the transport is the outbox */
    Finding check(SendingIdentity identity, List<InetAddress> relayAddresses) {
        if (relayAddresses == null) {
            return Finding.skip(ID, "no SMTP relay (the transport is the outbox)");
        }
        String host = identity.relay().host();
        List<String> confirmed = new ArrayList<>();
        for (InetAddress address : relayAddresses) {
            String ip = address.getHostAddress();
            if (RelayAddresses.internal(address)) {
                return Finding.skip(ID, "the relay " + host + " (" + ip + ") is on this machine or a private network: the reverse DNS that counts"
                        + " is that of the address its mail leaves from");
            }
            List<String> names = dns.ptr(address);
            if (names.isEmpty()) {
                return Finding.fail(ID, ip + " (the relay " + host + ") has no PTR record",
                        "ask whoever runs " + ip + " (your hosting or mail provider) to set its reverse DNS to " + host
                                + ", and make " + host + " resolve to " + ip);
            }
            String back = names.stream().filter(name -> dns.addresses(name).contains(address)).findFirst().orElse(null);
            if (back == null) {
                return Finding.fail(ID, ip + " has PTR " + String.join(", ", names) + ", which does not resolve back to " + ip,
                        "publish A " + names.get(0) + " " + ip + ", or have the PTR of " + ip + " changed to " + host);
            }
            confirmed.add(ip + " → " + back + " → " + ip);
        }
        if (confirmed.isEmpty()) {
            return Finding.fail(ID, "the relay " + host + " has no address in DNS", "publish an A record for " + host);
        }
        return Finding.ok(ID, String.join(", ", confirmed));
    }
}
