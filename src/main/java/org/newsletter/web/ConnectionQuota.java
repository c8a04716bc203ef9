package org.newsletter.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;

/**
 * At most {@code max} open connections per client address (an IPv6 client's /64); one more is closed
 * as soon as it opens, before anything is read from it. Connections cost no thread here, but each
 * holds a file descriptor and buffers, and one address holding thousands would starve everyone else.
 * Connections from this machine are not counted unless asked: that is where a reverse proxy
 * connects from, for all its clients at once.
 */
final class ConnectionQuota implements Connection.Listener {

    private final int max;
    private final boolean countLoopback;
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Map<Connection, String> counted = new ConcurrentHashMap<>();

    ConnectionQuota(int max, boolean countLoopback) {
        this.max = max;
        this.countLoopback = countLoopback;
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
