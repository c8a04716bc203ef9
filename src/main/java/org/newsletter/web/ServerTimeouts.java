package org.newsletter.web;

/**
 * Timeouts of the JDK's HTTP server, which it reads from system properties once, when the first server
 * in the process starts. Without them a client that sends its request one byte a minute holds a
 * connection for ever ("slowloris"). Values already set (e.g. with -D) are left alone.
 */
final class ServerTimeouts {

    /** Seconds a client has to send a whole request, headers and body. */
    static final String MAX_REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";
    /** Seconds an idle kept-alive connection stays open. */
    static final String IDLE_SECONDS = "sun.net.httpserver.idleInterval";

    private ServerTimeouts() {
    }

    static void apply() {
        setIfAbsent(MAX_REQUEST_SECONDS, "10");
        setIfAbsent(IDLE_SECONDS, "30");
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
