package org.newsletter.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's HTTP/1.1 server with what a public site needs around it. Jetty reads requests and writes
 * answers without a thread per connection, so a client that sends or reads slowly costs a connection,
 * not a thread; only a complete request (headers and body) goes to one of a bounded number of worker
 * threads, behind a bounded queue. Around that: a body-size limit, a deadline for sending a request,
 * idle timeouts, a cap on connections per client, security headers on every answer (the library's
 * own error answers included), and one plain error page for anything a handler throws, never a stack
 * trace.
 */
public final class WebServer implements AutoCloseable {

    /** Threads for Jetty's own non-blocking work: accepting, selecting, parsing, writing. */
    private static final int IO_THREADS = 8;

    /**
     * Routes match the path as sent and every page looks a path up exactly, never decoding it into a
     * file name, so {@code %2e%2e}, {@code %2f} or {@code //} reach nothing and get the same 404 as any
     * other unknown address; Jetty would otherwise answer them 400 itself. (A path that climbs above
     * the root, such as {@code /%2e%2e/etc/passwd}, or holds an encoded NUL, it refuses with 400 in
     * any mode: refused either way.)
     */
    private static final UriCompliance RAW_PATHS = UriCompliance.DEFAULT.with("raw paths", UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT, UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING, UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS);

    private final Server server;
    private final ServerConnector connector;
    private final ThreadPoolExecutor workers;
    private final RequestDeadline deadline;

    private WebServer(Server server, ServerConnector connector, ThreadPoolExecutor workers, RequestDeadline deadline) {
        this.server = server;
        this.connector = connector;
        this.workers = workers;
        this.deadline = deadline;
    }

    /**
     * Starts serving {@code routes} on {@code address} (port 0 picks a free one).
     *
     * @throws IOException when the address cannot be bound, e.g. the port is in use
     */
    public static WebServer start(InetSocketAddress address, Routes routes, WebLimits limits, SecurityHeaders security,
            ErrorPages errors, RequestLog log) throws IOException {
        RequestLog masked = RequestLog.masking(log);
        QueuedThreadPool io = new QueuedThreadPool(IO_THREADS, 2);
        io.setName("web-io");
        io.setDaemon(true);
        io.setReservedThreads(0);
        Server server = new Server(io);
        server.setStopTimeout(0); // close() has already given requests in progress their second

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setUriCompliance(RAW_PATHS);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(64);
        RequestDeadline deadline = new RequestDeadline(limits.requestDeadline());
        connector.addBean(deadline);
        connector.addBean(new ConnectionQuota(limits.connectionsPerClient(), limits.loopbackCounted(), masked));
        server.addConnector(connector);

        ThreadPoolExecutor workers = workers(limits);
        AnswerWriter writer = new AnswerWriter(security, connector.getByteBufferPool());
        server.setErrorHandler(new ProtocolErrors(writer, errors, masked));
        server.setHandler(new CompleteRequests(routes, limits.bodyBytes(), workers, writer, errors, deadline, masked));
        try {
            server.start();
        } catch (Exception e) {
            IOException failure = e instanceof IOException bind ? bind : new IOException(e.getMessage(), e);
            try {
                stop(server, workers, deadline);
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
        return new WebServer(server, connector, workers, deadline);
    }

    /** Threads that run handlers, each with the whole request in hand; complete requests wait in a bounded queue. */
    private static ThreadPoolExecutor workers(WebLimits limits) {
        AtomicInteger number = new AtomicInteger();
        return new ThreadPoolExecutor(limits.threads(), limits.threads(), 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(limits.queue()), r -> {
            Thread t = new Thread(r, "web-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port} as a client on this machine reaches it. */
    public URI origin() {
        InetSocketAddress bound = new InetSocketAddress(connector.getHost(), port());
        String host = bound.getAddress() == null || bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort());
    }

    /** Stops accepting, lets requests in progress finish for up to a second, and stops the threads. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop(server, workers, deadline);
    }

    private static void stop(Server server, ThreadPoolExecutor workers, RequestDeadline deadline) {
        workers.shutdownNow();
        deadline.close();
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the web server did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
