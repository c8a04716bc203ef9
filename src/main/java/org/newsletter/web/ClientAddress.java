package org.newsletter.web;

import java.util.Optional;

/**
 * Who sent a request, for rate limits. Behind a reverse proxy on the same machine every request comes
 * from loopback, so then the proxy's {@code X-Forwarded-For} names the client (its last entry: the
 * one the proxy added; earlier ones the client could have made up). From anywhere else the header is
 * ignored, since anyone can send it.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(Request request) {
        String remote = request.remoteAddress().getHostAddress();
        if (!request.remoteAddress().isLoopbackAddress()) {
            return remote;
        }
        Optional<String> forwarded = request.header("X-Forwarded-For");
        if (forwarded.isEmpty() || forwarded.get().isBlank()) {
            return remote;
        }
        String[] hops = forwarded.get().split(",");
        String last = hops[hops.length - 1].strip();
        return last.isEmpty() || last.length() > 45 ? remote : last;
    }
}
