package org.newsletter.testing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server (RFC 5321) on a random loopback port, for tests that need a server to
 * misbehave on cue: refuse a recipient, say 421, 451 or 452 at a chosen step, drop the connection in
 * the middle of DATA, answer slowly, stall past the client's timeouts (not replying, or not reading), or close
 * connections once they have carried a number of messages. Without faults it accepts everything and records it.
 *
 * <p>It speaks EHLO/HELO, MAIL, RCPT, DATA (with dot-unstuffing), RSET, NOOP and QUIT, optionally
 * STARTTLS (RFC 3207) or implicit TLS (RFC 8314), with GreenMail's self-signed certificate (clients use
 * {@code trust=127.0.0.1}), and
 * AUTH PLAIN (RFC 4954). Each connection has its own thread, at most {@value #MAX_CONNECTIONS} at once
 * (more are told 421). {@link #close()} closes every connection and waits for every thread to end.
 *
 * <pre>{@code
 * try (FaultySmtpServer server = FaultySmtpServer.start()) {
 *     server.failRecipient("gone@example.org", "550 5.1.1 no such user")
 *           .failNextData("451 4.3.0 try again later");
 *     ... send to server.url("tls=none&timeout=500ms") ...
 *     assertThat(server.received()).hasSize(3);
 * }
 * }</pre>
 *
 * <p>Messages are counted over the server's life, across connections, from 1: the n-th MAIL FROM the
 * server receives starts message n (a retry is a new message). A message is recorded before its 250
 * is sent, so a client that saw the 250 finds it in {@link #received()}.
 */
public final class FaultySmtpServer implements AutoCloseable {

    /** The step of a mail transaction at which a fault strikes. */
    public enum Stage {
        /** The reply to MAIL FROM. */
        MAIL,
        /** The reply to RCPT TO. */
        RCPT,
        /** The reply after the message's final ".". */
        END_OF_DATA
    }

    /** A message the server accepted: the envelope and the content exactly as received, dot-unstuffed. */
    public record Received(String envelopeFrom, List<String> recipients, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public static final int MAX_CONNECTIONS = 64;
    private static final String NAME = "faulty.test";
    private static final int ANY_MESSAGE = 0;
    private static final int ALWAYS = Integer.MAX_VALUE;
    private static final int MAX_COMMAND = 4096;
    private static final int MAX_DATA_LINE = 1 << 20;
    private static final int IDLE_CLIENT_LIMIT_MILLIS = 60_000;

    private final SSLContext tls;
    private final boolean implicitTls;
    private final ServerSocket listener;
    private final ThreadPoolExecutor conversations;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropDuringData = new AtomicInteger(-1);
    private final AtomicReference<Duration> stallOnData = new AtomicReference<>();
    private final AtomicReference<Duration> stallDuringData = new AtomicReference<>();
    private volatile Duration answerDataAfter = Duration.ZERO;
    private volatile int closeAfterMessages;
    private volatile boolean closeWithNotice;
    private volatile String user;
    private volatile String password;
    private volatile boolean pipelining;

    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<String> readAhead = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();

    private FaultySmtpServer(SSLContext tls, boolean implicitTls) {
        this.tls = tls;
        this.implicitTls = implicitTls;
        try {
            this.listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
        String prefix = "faulty-smtp-" + listener.getLocalPort();
        AtomicInteger threads = new AtomicInteger();
        this.conversations = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptConnections, prefix + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server without TLS. */
    public static FaultySmtpServer start() {
        return new FaultySmtpServer(null, false);
    }

    /** A server that offers STARTTLS with GreenMail's self-signed certificate (no name in it matches). */
    public static FaultySmtpServer startWithStartTls() {
        return new FaultySmtpServer(serverTls(), false);
    }

    /** A server that speaks TLS from the first byte (RFC 8314), with the same certificate. */
    public static FaultySmtpServer startWithImplicitTls() {
        return new FaultySmtpServer(serverTls(), true);
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code smtp://127.0.0.1:PORT?query}, e.g. {@code url("tls=none&timeout=500ms")}. */
    public String url(String query) {
        return "smtp://" + host() + ":" + port() + (query.isEmpty() ? "" : "?" + query);
    }

    // ---- faults -------------------------------------------------------------------------------------

    /** Every RCPT TO for {@code address} (any case) is answered with {@code reply}, e.g. "550 5.1.1 no such user". */
    public FaultySmtpServer failRecipient(String address, String reply) {
        return failAddress(address, Stage.RCPT, reply, ALWAYS);
    }

    /**
     * The first {@code times} messages that involve {@code address} are answered with {@code reply} at
     * {@code stage}: at MAIL the address is the envelope sender, at RCPT the recipient, at the end of
     * DATA any of the message's recipients.
     */
    public FaultySmtpServer failAddress(String address, Stage stage, String reply, int times) {
        Objects.requireNonNull(address, "address");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        rules.add(new Rule(stage, address, ANY_MESSAGE, checkReply(reply), new AtomicInteger(times)));
        return this;
    }

    /** Message number {@code n} (from 1, over all connections) is answered with {@code reply} at {@code stage}. */
    public FaultySmtpServer failMessage(int n, Stage stage, String reply) {
        if (n < 1) {
            throw new IllegalArgumentException("messages are counted from 1: " + n);
        }
        rules.add(new Rule(stage, null, n, checkReply(reply), new AtomicInteger(1)));
        return this;
    }

    /** The next message to reach {@code stage} is answered with {@code reply} there; once. */
    public FaultySmtpServer failNext(Stage stage, String reply) {
        rules.add(new Rule(stage, null, ANY_MESSAGE, checkReply(reply), new AtomicInteger(1)));
        return this;
    }

    /** The next message's end of DATA is answered with {@code reply}, e.g. "451 4.3.0 try again later"; once. */
    public FaultySmtpServer failNextData(String reply) {
        return failNext(Stage.END_OF_DATA, reply);
    }

    /**
     * The next message's DATA: once {@code bytes} bytes of content have arrived the server closes the
     * connection without a word (if the message is shorter, when its final "." arrives). Not recorded.
     */
    public FaultySmtpServer dropDuringData(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        dropDuringData.set(bytes);
        return this;
    }

    /**
     * The next message's end of DATA gets no reply: the server waits {@code stall} (or until it is
     * closed), then closes the connection. Not recorded.
     */
    public FaultySmtpServer stallOnData(Duration stall) {
        stallOnData.set(Objects.requireNonNull(stall, "stall"));
        return this;
    }

    /**
     * The next message's DATA: after its 354 the server reads nothing for {@code stall} (or until it is
     * closed), so a large message fills the TCP buffers and the client's writes block; then it closes
     * the connection. Not recorded.
     */
    public FaultySmtpServer stallDuringData(Duration stall) {
        stallDuringData.set(Objects.requireNonNull(stall, "stall"));
        return this;
    }

    /**
     * Every message's end of DATA is answered (and the message recorded) only {@code delay} after its final
     * ".", as by a busy relay: each message stays in flight, with the client waiting for the reply, that long.
     */
    public FaultySmtpServer answerDataAfter(Duration delay) {
        answerDataAfter = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /**
     * Every connection is closed by the server after it has accepted {@code messages} messages on it,
     * saying "421 4.4.2 ... closing idle connection" first, as Postfix does when a client idles too long.
     */
    public FaultySmtpServer closeIdleAfter(int messages) {
        return closeAfter(messages, true);
    }

    /** As {@link #closeIdleAfter}, but the connection is closed without a 421. */
    public FaultySmtpServer dropIdleAfter(int messages) {
        return closeAfter(messages, false);
    }

    /** Offers AUTH PLAIN (after STARTTLS, if the server offers that) and refuses MAIL before a login. */
    public FaultySmtpServer requireLogin(String user, String password) {
        this.password = Objects.requireNonNull(password, "password");
        this.user = Objects.requireNonNull(user, "user");
        return this;
    }

    /**
     * Offers PIPELINING (RFC 2920) in the EHLO reply. The server reads commands the same either way (it
     * always could take them pipelined); see {@link #commandsWithMoreBehind()}.
     */
    public FaultySmtpServer offerPipelining() {
        pipelining = true;
        return this;
    }

    private FaultySmtpServer closeAfter(int messages, boolean notice) {
        if (messages < 1) {
            throw new IllegalArgumentException("messages must be at least 1: " + messages);
        }
        closeWithNotice = notice;
        closeAfterMessages = messages;
        return this;
    }

    // ---- what happened ------------------------------------------------------------------------------

    /** The messages accepted so far, in order. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** How many connections have been accepted so far. */
    public int connectionsOpened() {
        return connections.get();
    }

    /** Every command line received so far, in order, over all connections; AUTH secrets are masked. */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /**
     * The commands (as in {@link #commands()}) that arrived with more of the client's bytes already
     * behind them, unanswered: the client did not wait for their replies, as only a pipelining client does.
     */
    public List<String> commandsWithMoreBehind() {
        synchronized (readAhead) {
            return List.copyOf(readAhead);
        }
    }

    /** Closes the listener and every connection, and waits for every thread of the server to end. */
    @Override
    public void close() {
        closing.countDown();
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the listening socket", e);
        }
        sockets.forEach(FaultySmtpServer::hangUp);
        conversations.shutdownNow();
        try {
            acceptor.join(5_000);
            if (!conversations.awaitTermination(5, TimeUnit.SECONDS) || acceptor.isAlive()) {
                throw new IllegalStateException("the threads of the SMTP test server on port " + port() + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the SMTP test server", e);
        }
    }

    // ---- the server ---------------------------------------------------------------------------------

    private void acceptConnections() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                // The listener was closed (the normal end), or cannot accept any more: either way no
                // more connections; clients see their connect fail.
                return;
            }
            connections.incrementAndGet();
            sockets.add(socket);
            try {
                conversations.execute(() -> converse(socket));
            } catch (RejectedExecutionException full) {
                refuse(socket);
            }
        }
    }

    private void converse(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(IDLE_CLIENT_LIMIT_MILLIS);
            new Conversation(socket).run();
        } catch (IOException e) {
            // The client went away, a fault hung up, or close() did: the conversation is over and its
            // socket is closed below; no test depends on how it ended beyond what the client saw.
        } finally {
            hangUp(socket);
            sockets.remove(socket);
        }
    }

    private void refuse(Socket socket) {
        try {
            socket.getOutputStream().write(("421 4.7.0 " + NAME + " too many connections\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // The client is gone already; it is being turned away anyway.
        } finally {
            hangUp(socket);
            sockets.remove(socket);
        }
    }

    private static void hangUp(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all we wanted; a socket that fails to close is as closed as we can make it.
        }
    }

    private String fault(Stage stage, int message, Collection<String> addresses) {
        for (Rule rule : rules) {
            if (rule.matches(stage, message, addresses) && rule.take()) {
                return rule.reply();
            }
        }
        return null;
    }

    private static String checkReply(String reply) {
        if (reply == null || !reply.matches("[45]\\d\\d( .*)?")) {
            throw new IllegalArgumentException("a fault reply is a 4xx or 5xx code and text, like \"451 4.3.0 try later\": " + reply);
        }
        return reply;
    }

    private static SSLContext serverTls() {
        char[] secret = "changeit".toCharArray();
        try (InputStream in = FaultySmtpServer.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            if (in == null) {
                throw new IllegalStateException("greenmail.p12, GreenMail's test certificate, is not on the test class path");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, secret);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load GreenMail's test certificate: " + e.getMessage(), e);
        }
    }

    /** A fault: at {@code stage}, for one message number or any, for one address or any, {@code remaining} more times. */
    private record Rule(Stage stage, String address, int message, String reply, AtomicInteger remaining) {
        boolean matches(Stage at, int number, Collection<String> addresses) {
            return stage == at
                    && (message == ANY_MESSAGE || message == number)
                    && (address == null || addresses.stream().anyMatch(address::equalsIgnoreCase));
        }

        boolean take() {
            return remaining.getAndUpdate(left -> left > 0 && left != ALWAYS ? left - 1 : left) > 0;
        }
    }

    /** One client's session. */
    private final class Conversation {
        private final Socket plain;
        private LineReader in;
        private OutputStream out;
        private boolean open = true;
        private boolean tlsActive;
        private boolean greeted;
        private boolean loggedIn;
        private String from;
        private final List<String> recipients = new ArrayList<>();
        private int message;
        private int accepted;

        Conversation(Socket socket) {
            this.plain = socket;
        }

        void run() throws IOException {
            if (implicitTls) {
                secure();
            } else {
                in = new LineReader(plain.getInputStream());
                out = new BufferedOutputStream(plain.getOutputStream());
            }
            reply("220 " + NAME + " ESMTP faulty test server");
            while (open) {
                String line = in.readCommand();
                if (line == null) {
                    return;
                }
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                commands.add(verb.equals("AUTH") ? "AUTH ****" : line);
                if (in.buffered() > 0) {
                    readAhead.add(verb.equals("AUTH") ? "AUTH ****" : line);
                }
                switch (verb) {
                    case "EHLO" -> ehlo();
                    case "HELO" -> {
                        resetTransaction();
                        greeted = true;
                        reply("250 " + NAME);
                    }
                    case "MAIL" -> mail(line);
                    case "RCPT" -> rcpt(line);
                    case "DATA" -> data();
                    case "RSET" -> {
                        resetTransaction();
                        reply("250 2.0.0 Ok");
                    }
                    case "NOOP" -> reply("250 2.0.0 Ok");
                    case "QUIT" -> {
                        reply("221 2.0.0 Bye");
                        return;
                    }
                    case "STARTTLS" -> startTls();
                    case "AUTH" -> auth(line);
                    default -> reply("500 5.5.2 Command not recognized");
                }
            }
        }

        private void ehlo() throws IOException {
            resetTransaction();
            greeted = true;
            List<String> lines = new ArrayList<>(List.of(NAME + " greets you", "8BITMIME", "ENHANCEDSTATUSCODES", "SIZE 52428800"));
            if (pipelining) {
                lines.add("PIPELINING");
            }
            if (tls != null && !tlsActive) {
                lines.add("STARTTLS");
            }
            if (user != null && (tls == null || tlsActive)) {
                lines.add("AUTH PLAIN");
            }
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                text.append(i < lines.size() - 1 ? "250-" : "250 ").append(lines.get(i)).append("\r\n");
            }
            write(text.toString());
        }

        private void mail(String line) throws IOException {
            String address = path(line, "MAIL FROM:");
            if (!greeted) {
                reply("503 5.5.1 Say EHLO first");
            } else if (user != null && !loggedIn) {
                reply("530 5.7.0 Authentication required");
            } else if (from != null) {
                reply("503 5.5.1 Nested MAIL command");
            } else if (address == null) {
                reply("501 5.5.4 Syntax: MAIL FROM:<address>");
            } else {
                message = messages.incrementAndGet();
                String fault = fault(Stage.MAIL, message, List.of(address));
                if (fault != null) {
                    reply(fault);
                } else {
                    from = address;
                    reply("250 2.1.0 Ok");
                }
            }
        }

        private void rcpt(String line) throws IOException {
            String address = path(line, "RCPT TO:");
            if (from == null) {
                reply("503 5.5.1 MAIL first");
            } else if (address == null || address.isEmpty()) {
                reply("501 5.5.4 Syntax: RCPT TO:<address>");
            } else {
                String fault = fault(Stage.RCPT, message, List.of(address));
                if (fault != null) {
                    reply(fault);
                } else {
                    recipients.add(address);
                    reply("250 2.1.5 Ok");
                }
            }
        }

        private void data() throws IOException {
            if (from == null || recipients.isEmpty()) {
                reply("503 5.5.1 " + (from == null ? "MAIL first" : "RCPT first"));
                return;
            }
            reply("354 End data with <CR><LF>.<CR><LF>");
            Duration stopReading = stallDuringData.getAndSet(null);
            if (stopReading != null) {
                stall(stopReading);
                return;
            }
            int dropAfter = dropDuringData.getAndSet(-1);
            ByteArrayOutputStream content = new ByteArrayOutputStream(64 * 1024);
            while (true) {
                byte[] line = in.readLine(MAX_DATA_LINE);
                if (line == null) {
                    open = false;
                    return;
                }
                if (isFinalDot(line)) {
                    break;
                }
                int start = line[0] == '.' ? 1 : 0; // RFC 5321 section 4.5.2
                content.write(line, start, line.length - start);
                if (dropAfter >= 0 && content.size() >= dropAfter) {
                    hangUpNow();
                    return;
                }
            }
            if (dropAfter >= 0) {
                hangUpNow();
                return;
            }
            Duration noReply = stallOnData.getAndSet(null);
            if (noReply != null) {
                stall(noReply);
                return;
            }
            String fault = fault(Stage.END_OF_DATA, message, recipients);
            if (fault != null) {
                resetTransaction();
                reply(fault);
                return;
            }
            if (!answerDataAfter.isZero()) {
                try {
                    if (closing.await(answerDataAfter.toMillis(), TimeUnit.MILLISECONDS)) {
                        hangUpNow(); // the server is closing: the message is not taken
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    hangUpNow();
                    return;
                }
            }
            received.add(new Received(from, List.copyOf(recipients), content.toByteArray()));
            resetTransaction();
            reply("250 2.0.0 Ok: queued as " + message);
            accepted++;
            if (closeAfterMessages > 0 && accepted >= closeAfterMessages) {
                if (closeWithNotice) {
                    reply("421 4.4.2 " + NAME + " closing idle connection");
                } else {
                    hangUpNow();
                }
            }
        }

        /** Says and reads nothing for {@code duration}, or until the server closes; then hangs up. */
        private void stall(Duration duration) {
            try {
                closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hangUpNow();
        }

        private void startTls() throws IOException {
            if (tls == null) {
                reply("502 5.5.1 STARTTLS not offered");
                return;
            }
            if (tlsActive) {
                reply("503 5.5.1 TLS already active");
                return;
            }
            reply("220 2.0.0 Ready to start TLS");
            // RFC 3207 section 4.2: forget everything said before, including anything sent after STARTTLS.
            secure();
            greeted = false;
            loggedIn = false;
            resetTransaction();
        }

        private void auth(String line) throws IOException {
            String[] words = line.split(" ");
            if (user == null) {
                reply("502 5.5.1 AUTH not offered");
            } else if (tls != null && !tlsActive) {
                reply("530 5.7.0 Must issue a STARTTLS command first");
            } else if (words.length < 2 || !words[1].equalsIgnoreCase("PLAIN")) {
                reply("504 5.5.4 Unrecognized authentication type");
            } else {
                String response = words.length > 2 ? words[2] : null;
                if (response == null) {
                    reply("334 ");
                    response = in.readCommand();
                    if (response == null) {
                        open = false;
                        return;
                    }
                }
                String[] fields;
                try {
                    fields = new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8).split("\0", -1);
                } catch (IllegalArgumentException e) {
                    reply("501 5.5.2 Cannot decode the response");
                    return;
                }
                loggedIn = fields.length == 3 && fields[1].equals(user) && fields[2].equals(password);
                reply(loggedIn ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid");
            }
        }

        /** Layers TLS over the connection, as server, and reads and writes through it from now on. */
        private void secure() throws IOException {
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
            secure.setUseClientMode(false);
            secure.startHandshake();
            in = new LineReader(secure.getInputStream());
            out = new BufferedOutputStream(secure.getOutputStream());
            tlsActive = true;
        }

        private void resetTransaction() {
            from = null;
            recipients.clear();
        }

        /** Sends one reply line; after a 421 the server closes the connection (RFC 5321 section 3.8). */
        private void reply(String line) throws IOException {
            write(line + "\r\n");
            if (line.startsWith("421")) {
                hangUpNow();
            }
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private void hangUpNow() {
            open = false;
            hangUp(plain);
        }
    }

    /** The address between angle brackets after {@code prefix} (any case), ignoring parameters; null if malformed. */
    private static String path(String line, String prefix) {
        if (!line.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        String rest = line.substring(prefix.length()).stripLeading();
        int close = rest.indexOf('>');
        return rest.startsWith("<") && close > 0 ? rest.substring(1, close) : null;
    }

    private static boolean isFinalDot(byte[] line) {
        return (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n')
                || (line.length == 2 && line[0] == '.' && line[1] == '\n');
    }

    /** Reads lines as bytes, LF included, without the per-byte locking of BufferedInputStream. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line with its line end, or null at the end of the stream. */
        byte[] readLine(int max) throws IOException {
            ByteArrayOutputStream longLine = null;
            while (true) {
                if (position == limit) {
                    int read = in.read(buffer);
                    if (read <= 0) {
                        return null;
                    }
                    position = 0;
                    limit = read;
                }
                int end = position;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                if (end < limit) {
                    byte[] line;
                    if (longLine == null) {
                        line = Arrays.copyOfRange(buffer, position, end + 1);
                    } else {
                        longLine.write(buffer, position, end + 1 - position);
                        line = longLine.toByteArray();
                    }
                    position = end + 1;
                    return line;
                }
                if (longLine == null) {
                    longLine = new ByteArrayOutputStream();
                }
                longLine.write(buffer, position, limit - position);
                position = limit;
                if (longLine.size() > max) {
                    throw new IOException("line longer than " + max + " bytes");
                }
            }
        }

        /** How many bytes have been read from the client and not yet taken. */
        int buffered() {
            return limit - position;
        }

        /** A command line without its line end, or null at the end of the stream. */
        String readCommand() throws IOException {
            byte[] line = readLine(MAX_COMMAND);
            if (line == null) {
                return null;
            }
            int length = line.length;
            while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
                length--;
            }
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
