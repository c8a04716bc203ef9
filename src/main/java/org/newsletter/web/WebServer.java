package org.newsletter.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsletter.store.DatabaseBusyException;

/**
 * The JDK's HTTP server with what a public site needs around it: a bounded pool of worker threads
 * and a bounded queue, a body-size limit, request timeouts, security headers on every response, and
 * one error page for anything a handler throws (never a stack trace).
 */
public final class WebServer implements AutoCloseable {

    private final HttpServer server;
    private final ThreadPoolExecutor workers;

    private WebServer(HttpServer server, ThreadPoolExecutor workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Starts serving {@code routes} on {@code address} (port 0 picks a free one).
     *
     * @throws IOException when the address cannot be bound, e.g. the port is in use
     */
    public static WebServer start(InetSocketAddress address, Routes routes, WebLimits limits, SecurityHeaders security,
            ErrorPages errors, RequestLog log) throws IOException {
        ServerProperties.apply();
        HttpServer server = HttpServer.create(address, 64);
        AtomicInteger number = new AtomicInteger();
        // When every thread is busy and the queue is full, the accepting thread runs the request itself:
        // it stops accepting until then, which pushes back on clients instead of queueing without bound.
        ThreadPoolExecutor workers = new ThreadPoolExecutor(limits.threads(), limits.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queue()), r -> {
                    Thread t = new Thread(r, "web-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(workers);
        server.createContext("/", exchange -> new Exchange(exchange, routes, limits, security, errors, log).serve());
        server.start();
        return new WebServer(server, workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port} as a client on this machine reaches it. */
    public URI origin() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort());
    }

    /** Stops accepting, lets requests in progress finish for up to a second, and stops the threads. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }

    /** One request's handling, from routing to the last byte of the answer. */
    private record Exchange(HttpExchange exchange, Routes routes, WebLimits limits, SecurityHeaders security, ErrorPages errors,
            RequestLog log) {

        void serve() throws IOException {
            long started = System.nanoTime();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Response response;
            boolean close = false;
            try {
                response = route(method, path);
            } catch (BodyTooLargeException e) {
                response = errors.page(413, "That request is too large.");
                close = true;
            } catch (IOException | RuntimeException e) {
                log.log("error " + method + " " + RequestLog.mask(path) + ": " + describe(e));
                response = DatabaseBusyException.causedBy(e)
                        // Nothing was recorded; say so, and when to try again (RFC 9110, 10.2.3).
                        ? errors.page(503, "We could not record that just now because our database is busy. Please try again in a few minutes.")
                                .withHeader("Retry-After", "120")
                        : errors.page(500, "Something went wrong on our side. Please try again later.");
            }
            try {
                send(response, "HEAD".equals(method), close);
            } finally {
                log.log(method + " " + RequestLog.mask(path) + " " + response.status() + " "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + "ms");
            }
        }

        private Response route(String method, String path) throws IOException {
            Routes.Match match = routes.match(method, path);
            if (match instanceof Routes.Found found) {
                return found.handler().handle(new Request(exchange, found.parameters(), limits.bodyBytes()));
            }
            if (match instanceof Routes.WrongMethod wrong) {
                return errors.page(405, "This page cannot be used that way.").withHeader("Allow", String.join(", ", wrong.allowed()));
            }
            return errors.notFound();
        }

        private void send(Response response, boolean head, boolean close) throws IOException {
            Headers headers = exchange.getResponseHeaders();
            security.headers().forEach(headers::set);
            headers.set("Cache-Control", "no-store");
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                headers.set(header.getKey(), header.getValue());
            }
            headers.set("Content-Type", response.contentType());
            if (close) {
                headers.set("Connection", "close");
            }
            // Drain what is left of a small body so the connection can be reused; a large one is not read.
            if (!close) {
                drain(exchange.getRequestBody());
            }
            byte[] body = response.body();
            if (response.stream() != null && !head) {
                exchange.sendResponseHeaders(response.status(), 0); // 0: chunked, length unknown
                try (OutputStream out = exchange.getResponseBody()) {
                    response.stream().writeTo(out);
                }
            } else if (head || body.length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                exchange.sendResponseHeaders(response.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        }

        private void drain(InputStream in) throws IOException {
            byte[] buffer = new byte[4096];
            long left = limits.bodyBytes();
            for (int n; left > 0 && (n = in.read(buffer)) > 0; ) {
                left -= n;
            }
        }

        private static String describe(Throwable e) {
            String message = e.getMessage();
            return e.getClass().getSimpleName() + (message == null ? "" : ": " + RequestLog.mask(message.lines().findFirst().orElse("")));
        }
    }
}
