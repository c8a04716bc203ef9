package org.newsletter.doctor;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.newsletter.config.SmtpSettings;

/** The addresses of the SMTP relay, and which of them the public internet never sees. */
final class RelayAddresses {

    private RelayAddresses() {
    }

    /** The relay's addresses: its IP literal, or what its name resolves to (through doctor's resolver). */
    static List<InetAddress> of(SmtpSettings relay, Dns dns) {
        String host = relay.host();
        if (host.matches("[0-9.]+") || host.contains(":")) {
            try {
                return List.of(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("the relay address " + host + " is not valid", e);
            }
        }
        if (host.equalsIgnoreCase("localhost")) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        return dns.addresses(host);
    }

    /**
     * Loopback, RFC 1918 and link-local, IPv6 unique-local (RFC 4193) and shared (RFC 6598) addresses:
     * mail from a relay there reaches the internet from another address, whose records are what count.
     */
    static boolean internal(InetAddress address) {
        byte[] b = address.getAddress();
        boolean uniqueLocal = address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
        boolean shared = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                || uniqueLocal || shared;
    }
}
