package org.newsletter.web;

/**
 * Settings of the JDK's HTTP server, which it reads from system properties once, when the first server
 * in the process starts. Values already set (e.g. with -D) are left alone.
 * <ul>
 * <li>Timeouts: without them a client that sends its request one byte a minute holds a connection for
 * ever ("slowloris").
 * <li>TCP_NODELAY: the server writes a response's headers and body separately; with Nagle's algorithm
 * the body then waits for the client's delayed ACK of the headers, 40 ms on Linux, for every request
 * on a kept-alive connection (measured: 44 ms median latency and 350 requests/s with an idle CPU).
 * </ul>
 */
final class ServerProperties {

    /** Seconds a client has to send a whole request, headers and body. */
    static final String MAX_REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";
    /** Seconds an idle kept-alive connection stays open. */
    static final String IDLE_SECONDS = "sun.net.httpserver.idleInterval";

    /** Whether accepted sockets get TCP_NODELAY. */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private ServerProperties() {
    }

    static void apply() {
        setIfAbsent(MAX_REQUEST_SECONDS, "10");
        setIfAbsent(IDLE_SECONDS, "30");
        setIfAbsent(NO_DELAY, "true");
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
