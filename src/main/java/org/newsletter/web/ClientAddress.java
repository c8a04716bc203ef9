package org.newsletter.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who sent a request, for rate limits and connection counts. Behind a reverse proxy on the same
 * machine every request comes from loopback, so then the proxy's {@code X-Forwarded-For} names the
 * client (its last entry: the one the proxy added; earlier ones the client could have made up). From
 * anywhere else the header is ignored, since anyone can send it.
 *
 * <p>An IPv6 client is counted by its /64: one subscriber line or server gets a whole /64 (RFC 6177)
 * and may use any address in it, so counting single addresses would give it 2^64 allowances.
 */
final class ClientAddress {

    /** Only these characters can make an IPv6 literal, so parsing one never asks DNS for a name. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private ClientAddress() {
    }

    static String of(Request request) {
        InetAddress remote = request.remoteAddress();
        if (!remote.isLoopbackAddress()) {
            return key(remote);
        }
        Optional<String> forwarded = request.header("X-Forwarded-For");
        if (forwarded.isEmpty() || forwarded.get().isBlank()) {
            return key(remote);
        }
        String[] hops = forwarded.get().split(",");
        String last = hops[hops.length - 1].strip();
        if (last.isEmpty() || last.length() > 45) {
            return key(remote);
        }
        return last.indexOf(':') >= 0 ? forwardedIpv6(last).orElse(last) : last;
    }

    /** An IPv4 address as it is written; an IPv6 one as its /64 ({@code 2001:db8:0:1::/64}). */
    static String key(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix).getHostAddress().replaceFirst("(:0)+$", "::") + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    /** The /64 of a forwarded IPv6 literal ({@code [..]} and a zone allowed); empty when it is not one. */
    private static Optional<String> forwardedIpv6(String value) {
        String literal = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!IPV6_LITERAL.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(key(InetAddress.getByName(literal)));
        } catch (UnknownHostException e) {
            return Optional.empty(); // not a valid literal: counted as the text it is
        }
    }
}
