package org.newsletter.web;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a server will do at once and for how long.
 * <ul>
 * <li>{@code threads}: worker threads, which run handlers (also the number of database connections);
 * they get only complete requests, so a slow client holds none of them while it sends.
 * <li>{@code queue}: complete requests that may wait for a worker; beyond it the answer is 503.
 * <li>{@code bodyBytes}: the largest request body read; a larger one is answered 413 unread.
 * <li>{@code connectionsPerClient}: connections one client address (an IPv6 client's /64) may hold
 * open at once; more are closed as they arrive. 0: no limit.
 * <li>{@code loopbackCounted}: whether that limit applies to connections from this machine. By default
 * it does not: behind a reverse proxy on the same machine every connection comes from the proxy,
 * which holds slow clients itself and names them in {@code X-Forwarded-For}.
 * <li>{@code requestDeadline}: time a client has to send a whole request, headers and body, from its
 * first byte; the connection is closed when it runs out.
 * <li>{@code idleTimeout}: how long a connection may stay silent, kept alive between requests or
 * stalled mid-request or mid-answer.
 * </ul>
 */
public record WebLimits(int threads, int queue, int bodyBytes, int connectionsPerClient, boolean loopbackCounted,
        Duration requestDeadline, Duration idleTimeout) {

    public static final int DEFAULT_CONNECTIONS_PER_CLIENT = 16;

    public static final WebLimits DEFAULT = new WebLimits(8, 256, 16 * 1024);

    public WebLimits {
        if (threads < 1 || queue < 1 || bodyBytes < 1) {
            throw new IllegalArgumentException("web limits must be positive");
        }
        if (connectionsPerClient < 0) {
            throw new IllegalArgumentException("connections per client must be 0 (no limit) or more");
        }
        Objects.requireNonNull(requestDeadline, "requestDeadline");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (requestDeadline.isNegative() || requestDeadline.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("web timeouts must be positive");
        }
    }

    /** With 16 connections per client (loopback not counted), 10 s for a request and 30 s of silence. */
    public WebLimits(int threads, int queue, int bodyBytes) {
        this(threads, queue, bodyBytes, DEFAULT_CONNECTIONS_PER_CLIENT, false, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public WebLimits withConnectionsPerClient(int connections, boolean countingLoopback) {
        return new WebLimits(threads, queue, bodyBytes, connections, countingLoopback, requestDeadline, idleTimeout);
    }

    public WebLimits withTimeouts(Duration deadline, Duration idle) {
        return new WebLimits(threads, queue, bodyBytes, connectionsPerClient, loopbackCounted, deadline, idle);
    }
}
