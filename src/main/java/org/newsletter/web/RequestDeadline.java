package org.newsletter.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;

/**
 * A client has {@code deadline} to send a whole request, headers and body, from its first byte; then
 * its connection is closed. The idle timeout alone would not do: it starts again with every byte, so
 * a client sending one byte a second ("slowloris") would hold its connection for ever. A connection
 * that waits between requests is not held to the deadline (the idle timeout closes it), nor is one
 * whose complete request is being answered.
 *
 * <p>Connections are looked at a few times a second: the first bytes of a request are noticed at
 * the next look, so a client gets at most a quarter of a second beyond the deadline.
 */
final class RequestDeadline implements Connection.Listener, AutoCloseable {

    /** What is known of a connection's current request; written by the connection's threads and the sweep. */
    private static final class Progress {
        volatile boolean answering;
        /** Bytes received when the last request was complete: more than these are a new request's. */
        volatile long bytesAtRest;
        /** When the current request's first byte arrived, as System.nanoTime; 0 while there is none. */
        volatile long began;
    }

    private final long deadlineNanos;
    private final Map<Connection, Progress> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    RequestDeadline(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "web-request-deadline");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, Math.min(250, deadline.toMillis() / 8));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        open.put(connection, new Progress());
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    /** The request's headers are in; it began at {@code beganNanos} (its first byte). */
    void headersReceived(Connection connection, long beganNanos) {
        Progress progress = open.get(connection);
        if (progress != null && (progress.began == 0 || beganNanos - progress.began < 0)) {
            progress.began = beganNanos;
        }
    }

    /** The whole request is in and handed to a worker: the deadline no longer applies to it. */
    void requestReceived(Connection connection) {
        Progress progress = open.get(connection);
        if (progress != null) {
            progress.answering = true;
        }
    }

    /** The answer is out: what arrives from now on is the next request. */
    void answered(Connection connection) {
        Progress progress = open.get(connection);
        if (progress != null) {
            progress.bytesAtRest = connection.getBytesIn();
            progress.began = 0;
            progress.answering = false;
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        open.forEach((connection, progress) -> {
            if (progress.answering) {
                return;
            }
            if (connection.getBytesIn() <= progress.bytesAtRest) {
                return; // waiting between requests: the idle timeout's business
            }
            if (progress.began == 0) {
                progress.began = now;
            } else if (now - progress.began > deadlineNanos) {
                connection.getEndPoint().close();
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
