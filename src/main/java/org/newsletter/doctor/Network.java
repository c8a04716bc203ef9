package org.newsletter.doctor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How doctor reaches the relay and the web site: the TLS trust it verifies certificates with (the
 * JVM's, normally), how it opens a TCP connection, and the timeout of every connect and read.
 */
public record Network(SSLContext tls, Connector connector, Duration timeout) {

    /** Opens a TCP connection to an address doctor found for the relay. */
    @FunctionalInterface
    public interface Connector {
        Socket connect(InetSocketAddress address, Duration timeout) throws IOException;
    }

    public Network {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Direct connections, the JVM's trusted certificate authorities. */
    public static Network system(Duration timeout) {
        try {
            return new Network(SSLContext.getDefault(), Network::direct, timeout);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no TLS: " + e.getMessage(), e);
        }
    }

    static Socket direct(InetSocketAddress address, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
