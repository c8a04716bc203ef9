package org.newsletter.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server on a random loopback port answering {@code /healthz} as {@code serve} does behind a
 * TLS proxy: 200 "ok", or whatever status the test sets (503 when the database is down).
 */
public final class HealthzServer implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final AtomicInteger status = new AtomicInteger(200);

    public HealthzServer(SSLContext tls) {
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            byte[] body = (status.get() == 200 ? "ok\n" : "unavailable\n").getBytes(StandardCharsets.UTF_8);
            int code = exchange.getRequestURI().getPath().equals("/healthz") ? status.get() : 404;
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** {@code https://127.0.0.1:PORT/}. */
    public URI baseUrl() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public void answer(int code) {
        status.set(code);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
