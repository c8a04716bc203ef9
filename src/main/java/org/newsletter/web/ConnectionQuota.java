package org.newsletter.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;

/**
 * At most {@code max} open connections per client address (an IPv6 client's /64); one more is closed
 * as soon as it opens, before anything is read from it. Connections cost no thread here, but each
 * holds a file descriptor and buffers, and one address holding thousands would starve everyone else.
 * Connections from this machine are not counted unless asked: that is where a reverse proxy
 * connects from, for all its clients at once.
 */
final class ConnectionQuota implements Connection.Listener {

    /** At most one line a minute about refusals, however many there are: an attack must not flood the log. */
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int max;
    private final boolean countLoopback;
    private final RequestLog log;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Map<Connection, String> counted = new ConcurrentHashMap<>();

    ConnectionQuota(int max, boolean countLoopback, RequestLog log) {
        this.max = max;
        this.countLoopback = countLoopback;
        this.log = log;
    }

    @Override
    public void onOpened(Connection connection) {
        if (max == 0) {
            return;
        }
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return;
        }
        InetAddress address = inet.getAddress();
        if (address.isLoopbackAddress() && !countLoopback) {
            return;
        }
        String client = ClientAddress.key(address);
        counted.put(connection, client);
        if (perClient.merge(client, 1, Integer::sum) > max) {
            connection.getEndPoint().close(); // onClosed gives the place back
            noteRefusal();
        }
    }

    /** Says how many were refused, without naming anyone: an operator behind a shared address should know. */
    private void noteRefusal() {
        refused.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            long total = refused.getAndSet(0);
            log.log("refused " + total + " connection" + (total == 1 ? "" : "s") + " from clients already holding " + max
                    + " (--connections-per-client)");
        }
    }

    @Override
    public void onClosed(Connection connection) {
        String client = counted.remove(connection);
        if (client != null) {
            perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        }
    }
}
