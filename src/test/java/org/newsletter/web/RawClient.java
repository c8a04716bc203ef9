package org.newsletter.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One TCP connection to a test server that sends bytes exactly as given, from a chosen loopback
 * address if asked (127.0.0.2 is another client as far as the server can tell): for slow, malformed
 * and over-the-limit clients that no HTTP client library would be.
 */
final class RawClient implements AutoCloseable {

    /** An answer's status line and headers (names in lower case), and as much of its body as was read. */
    record Answer(int status, Map<String, String> headers, byte[] bytes) {

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawClient connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    /** Connects to 127.0.0.1:{@code port} from {@code localAddress} (any 127.x.y.z works on Linux). */
    static RawClient connect(int port, String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        return new RawClient(socket);
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends, ignoring a server that has already closed the connection (its answer may still be there to read). */
    void sendAnyway(String text) {
        try {
            send(text);
        } catch (IOException e) {
            // read() tells what the server did
        }
    }

    /**
     * Reads one answer: the head, then the body as far as Content-Length says (at most {@code maxBody}
     * bytes of it), or to the end of the connection when there is no length. Empty when the server
     * closed the connection without answering, or nothing came within {@code timeout}.
     */
    Optional<Answer> read(Duration timeout, int maxBody) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            String head = readHead();
            if (head.isEmpty()) {
                return Optional.empty();
            }
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            long length = Optional.ofNullable(headers.get("content-length")).map(Long::parseLong).orElse(-1L);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long wanted = length < 0 ? maxBody : Math.min(length, maxBody);
            while (body.size() < wanted) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, wanted - body.size()));
                if (n < 0) {
                    break;
                }
                body.write(buffer, 0, n);
            }
            return Optional.of(new Answer(status, headers, body.toByteArray()));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException reset) {
            return Optional.empty(); // a reset: closed without an answer
        }
    }

    Optional<Answer> read() throws IOException {
        return read(Duration.ofSeconds(10), 1 << 20);
    }

    /** True when the server ends the connection (end of stream or reset) within {@code timeout} without sending anything. */
    boolean closedWithinWithoutAnswer(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0; // how much of CRLF CRLF has been seen
        for (int b; state < 4 && (b = in.read()) >= 0; ) {
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
