package org.newsletter.mail;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.newsletter.config.SmtpSettings;

/**
 * One SMTP session (RFC 5321) of our own, for the hot path of sending: EHLO, STARTTLS (RFC 3207) or
 * implicit TLS (RFC 8314), AUTH PLAIN or LOGIN (RFC 4954), then one transaction per message, with
 * PIPELINING (RFC 2920) when the server offers it, and QUIT.
 *
 * <p>Why not Jakarta Mail: it sends MAIL FROM, RCPT TO and DATA one at a time, each waiting for its
 * reply, and writes the content through per-byte dot-stuffing streams. Here, with PIPELINING, the
 * three commands go in one write and their replies are read in order (RFC 2920 section 3.1: DATA is
 * the last command of the group, the content waits for its 354); the content, dot-stuffed (RFC 5321
 * section 4.5.2) and with the final "." appended, goes in one more write. Two round trips a message
 * instead of four. Without PIPELINING the commands go in lock-step, as before.
 *
 * <p>The session remembers the {@link Step} each transaction reached, so that a failure can say
 * whether the message may have been delivered. Every read has the settings' timeout (SO_TIMEOUT);
 * every write too (a blocked write ignores SO_TIMEOUT): a watchdog on the shared {@link WriteTimeouts}
 * timer looks a few times per timeout at the write in progress, if any, and closes the TCP socket when
 * it has taken longer than the timeout. A timer task per write, as Jakarta Mail does, cost two
 * hand-overs to the timer thread per write, four per message. Not thread-safe.
 */
final class SmtpSession {

    /** The steps of one transaction, in order. */
    enum Step {
        /** Not sending: connecting, or between messages. */
        IDLE("before sending"),
        MAIL("at MAIL FROM"),
        RCPT("at RCPT TO"),
        /** The DATA command, the message content and the final ".". */
        DATA("during DATA"),
        /** The final "." has been written and the reply is awaited: the server may have taken the message. */
        END_OF_DATA("after the end of DATA");

        private final String where;

        Step(String where) {
            this.where = where;
        }

        @Override
        public String toString() {
            return where;
        }
    }

    /** A negative reply while opening the session, or a server that lacks what the settings require. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        enum What { GREETING, STARTTLS_MISSING, LOGIN }

        private final What what;
        private final transient SmtpReply reply;

        Refused(What what, SmtpReply reply, String message) {
            super(message);
            this.what = what;
            this.reply = reply;
        }

        What what() {
            return what;
        }

        /** The server's reply, or null (no STARTTLS or no shared AUTH mechanism offered). */
        SmtpReply reply() {
            return reply;
        }
    }

    /** A refusal of a transaction's command: at {@link #step()}, with the reply; the session may go on unless {@link #closing()}. */
    static final class TransactionRefused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SmtpReply reply;
        private final Step step;

        TransactionRefused(Step step, SmtpReply reply) {
            super(reply.toString());
            this.step = step;
            this.reply = reply;
        }

        SmtpReply reply() {
            return reply;
        }

        Step step() {
            return step;
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = {'.', '\r', '\n'};
    /** Each write call is at most this long, so the write timeout bounds a stall, not the time a large message takes on a slow link. */
    private static final int MAX_WRITE = 64 * 1024;
    private static final int MAX_REPLY_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;

    private final Socket tcp;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long timeoutMillis;
    private final byte[] input = new byte[8192];
    private int inputPosition;
    private int inputLimit;
    private byte[] output = new byte[64 * 1024];
    private int outputLength;
    private final Set<String> extensions;
    private final ScheduledFuture<?> watchdog;
    /** When the write in progress started (System.nanoTime()), or 0 when no write is. */
    private volatile long writingSince;
    private Step step = Step.IDLE;
    private boolean closed;

    private SmtpSession(Socket tcp, Socket socket, ScheduledExecutorService timer, long timeoutMillis, Set<String> extensions) throws IOException {
        this.tcp = tcp;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.timeoutMillis = timeoutMillis;
        this.extensions = extensions;
        long period = Math.max(10, Math.min(1000, timeoutMillis / 8));
        this.watchdog = timer.scheduleWithFixedDelay(this::closeIfWriteTimedOut, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects, reads the greeting, says EHLO (HELO if EHLO is refused), upgrades with STARTTLS and says
     * EHLO again (RFC 3207 section 4.2) if the settings want it, and logs in if there is a user.
     *
     * @throws IOException on a failed connection, TLS handshake, timeout or end of stream
     * @throws Refused     on a refusal or a missing STARTTLS or AUTH mechanism
     */
    static SmtpSession open(SmtpSettings settings, String password, String clientName, SmtpTls tls, ScheduledExecutorService timer)
            throws IOException, Refused {
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        Socket tcp = new NoDelaySocketFactory().createSocket();
        SmtpSession session = null;
        try {
            tcp.setSoTimeout(timeout);
            tcp.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            Socket socket = settings.tls() == SmtpSettings.Tls.IMPLICIT ? tls.layer(tcp, settings, timeout) : tcp;
            session = new SmtpSession(tcp, socket, timer, timeout, new HashSet<>());
            expect(session.readReply(), 220, Refused.What.GREETING);
            session.hello(clientName);
            if (settings.tls() == SmtpSettings.Tls.STARTTLS) {
                if (!session.offers("STARTTLS")) {
                    throw new Refused(Refused.What.STARTTLS_MISSING, null, "the server does not offer STARTTLS");
                }
                session.command("STARTTLS");
                expect(session.readReply(), 220, Refused.What.GREETING);
                // RFC 3207 section 4.2: nothing said before the upgrade counts. The new session starts with an
                // empty input buffer (anything a man in the middle slipped in after the 220 is dropped, and
                // would break the handshake anyway) and asks for the extensions again.
                session.watchdog.cancel(false);
                SmtpSession secure = new SmtpSession(tcp, tls.layer(tcp, settings, timeout), timer, timeout, new HashSet<>());
                session = secure;
                secure.hello(clientName);
            }
            if (settings.user() != null && (session.offers("AUTH") || session.offers("AUTH=LOGIN"))) {
                session.login(settings.user(), password);
            }
            return session;
        } catch (IOException | Refused | RuntimeException e) {
            if (session != null) {
                session.watchdog.cancel(false);
            }
            try {
                tcp.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Whether the server named this extension (or, for "AUTH", any AUTH) in its EHLO reply. */
    boolean offers(String keyword) {
        return extensions.contains(keyword.toUpperCase(Locale.ROOT));
    }

    boolean pipelining() {
        return offers("PIPELINING");
    }

    /** The step the last transaction reached; {@link Step#IDLE} before the first. */
    Step step() {
        return step;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * One transaction: MAIL FROM, RCPT TO, DATA, the content, the final ".". Returns the reply to the
     * final "."; throws {@link TransactionRefused} for a negative reply (after which, unless it was a 421,
     * the session has been reset with RSET and can go on) and IOException when the connection failed
     * (the session is then closed).
     */
    SmtpReply send(String envelopeFrom, String recipient, byte[] content, boolean dotSafe) throws IOException, TransactionRefused {
        step = Step.IDLE;
        try {
            return transaction(envelopeFrom, recipient, content, dotSafe);
        } catch (IOException e) {
            closeSocket(e);
            throw e;
        }
    }

    private SmtpReply transaction(String envelopeFrom, String recipient, byte[] content, boolean dotSafe) throws IOException, TransactionRefused {
        String mail = "MAIL FROM:<" + envelopeFrom + ">";
        String rcpt = "RCPT TO:<" + recipient + ">";
        SmtpReply mailReply;
        SmtpReply rcptReply;
        SmtpReply dataReply;
        step = Step.MAIL;
        if (pipelining()) {
            // RFC 2920 section 3.1: MAIL, RCPT and DATA in one group; every reply is read, in order.
            append(mail);
            append(rcpt);
            append("DATA");
            flush();
            mailReply = readReply();
            if (mailReply.code() == 421) {
                throw closingRefusal(Step.MAIL, mailReply);
            }
            step = Step.RCPT;
            try {
                rcptReply = readReply();
            } catch (IOException e) {
                if (mailReply.positive()) {
                    throw e;
                }
                throw refusedThenLost(Step.MAIL, mailReply, e);
            }
            if (rcptReply.code() == 421) {
                throw mailReply.positive() ? closingRefusal(Step.RCPT, rcptReply) : closingRefusal(Step.MAIL, mailReply);
            }
            step = Step.DATA;
            Step failedAt = !mailReply.positive() ? Step.MAIL : !rcptReply.positive() ? Step.RCPT : null;
            SmtpReply refusal = failedAt == Step.MAIL ? mailReply : rcptReply;
            if (failedAt != null) {
                // The refusal is what this message's outcome rests on (a 550 "no such user" suppresses the
                // address), even if the connection fails while the rest of the group is read.
                try {
                    dataReply = readReply();
                    if (dataReply.code() == 421) {
                        throw closingRefusal(failedAt, refusal);
                    }
                    if (dataReply.code() == 354) {
                        // The server took DATA although MAIL or RCPT failed (RFC 2920 section 3.1 says it should
                        // not): end the empty message at once; its reply is no delivery, there being no recipient.
                        write(END_OF_DATA);
                        readReply();
                    }
                } catch (IOException e) {
                    throw refusedThenLost(failedAt, refusal, e);
                }
                throw refused(failedAt, refusal);
            }
            dataReply = readReply();
        } else {
            command(mail);
            mailReply = readReply();
            if (!mailReply.positive()) {
                throw refused(Step.MAIL, mailReply);
            }
            step = Step.RCPT;
            command(rcpt);
            rcptReply = readReply();
            if (!rcptReply.positive()) {
                throw refused(Step.RCPT, rcptReply);
            }
            step = Step.DATA;
            command("DATA");
            dataReply = readReply();
        }
        if (dataReply.code() != 354) {
            throw refused(Step.DATA, dataReply);
        }
        appendContent(content, dotSafe);
        flush();
        step = Step.END_OF_DATA;
        SmtpReply end = readReply();
        if (!end.positive()) {
            throw refused(Step.END_OF_DATA, end);
        }
        return end;
    }

    /** A refusal; the session is reset for the next message (RSET), or closed after a 421 (RFC 5321 section 3.8). */
    private TransactionRefused refused(Step at, SmtpReply reply) {
        step = at;
        if (reply.code() == 421) {
            return closingRefusal(at, reply);
        }
        try {
            command("RSET");
            if (!readReply().positive()) {
                // The session is in a state we cannot trust: report the refusal, and no longer use the session.
                closeSocket(null);
            }
        } catch (IOException e) {
            return refusedThenLost(at, reply, e);
        }
        return new TransactionRefused(at, reply);
    }

    /** A refusal after which the connection failed: the refusal is the message's outcome, and the session is closed. */
    private TransactionRefused refusedThenLost(Step at, SmtpReply reply, IOException e) {
        step = at;
        TransactionRefused refusal = new TransactionRefused(at, reply);
        refusal.addSuppressed(e);
        closeSocket(e);
        return refusal;
    }

    private TransactionRefused closingRefusal(Step at, SmtpReply reply) {
        step = at;
        closeSocket(null);
        return new TransactionRefused(at, reply);
    }

    /** QUIT and its reply (RFC 5321 section 4.1.1.10), bounded by the timeouts, then closes; never throws. */
    IOException quit() {
        if (closed) {
            return null;
        }
        IOException failure = null;
        try {
            command("QUIT");
            readReply();
        } catch (IOException e) {
            failure = e;
        }
        closeSocket(failure);
        return failure;
    }

    // ---- opening ------------------------------------------------------------------------------------

    private void hello(String clientName) throws IOException, Refused {
        command("EHLO " + clientName);
        String[] lines = readReplyLines();
        SmtpReply reply = toReply(lines);
        if (reply.code() != 250) {
            // A server that does not know EHLO (RFC 5321 section 4.1.1.1): HELO, and no extensions.
            command("HELO " + clientName);
            expect(readReply(), 250, Refused.What.GREETING);
            return;
        }
        for (int i = 1; i < lines.length; i++) {
            String keyword = lines[i].length() > 4 ? lines[i].substring(4).strip() : "";
            String[] words = keyword.toUpperCase(Locale.ROOT).split("[ =]");
            extensions.add(words[0]);
            if (words[0].equals("AUTH")) {
                for (int w = 1; w < words.length; w++) {
                    extensions.add("AUTH " + words[w]);
                }
                if (keyword.length() > 4 && keyword.charAt(4) == '=') {
                    extensions.add("AUTH=LOGIN");
                }
            }
        }
    }

    /** AUTH PLAIN if offered (one round trip), else LOGIN (RFC 4954; LOGIN as the draft of the same name). */
    private void login(String user, String password) throws IOException, Refused {
        Base64.Encoder base64 = Base64.getEncoder();
        if (offers("AUTH PLAIN")) {
            String response = base64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            command("AUTH PLAIN " + response);
            expect(readReply(), 235, Refused.What.LOGIN);
        } else if (offers("AUTH LOGIN") || offers("AUTH=LOGIN")) {
            command("AUTH LOGIN");
            expect(readReply(), 334, Refused.What.LOGIN);
            command(base64.encodeToString(user.getBytes(StandardCharsets.UTF_8)));
            expect(readReply(), 334, Refused.What.LOGIN);
            command(base64.encodeToString(password.getBytes(StandardCharsets.UTF_8)));
            expect(readReply(), 235, Refused.What.LOGIN);
        } else {
            throw new Refused(Refused.What.LOGIN, null, "the server offers neither AUTH PLAIN nor AUTH LOGIN");
        }
    }

    private static void expect(SmtpReply reply, int code, Refused.What what) throws Refused {
        if (reply.code() != code) {
            throw new Refused(what, reply, reply.toString());
        }
    }

    // ---- writing ------------------------------------------------------------------------------------

    private void command(String line) throws IOException {
        append(line);
        flush();
    }

    private void append(String line) {
        int length = line.length();
        ensure(length + 2);
        for (int i = 0; i < length; i++) {
            output[outputLength++] = (byte) line.charAt(i); // checked single-line ASCII/ISO-8859-1 addresses and commands
        }
        output[outputLength++] = '\r';
        output[outputLength++] = '\n';
    }

    /**
     * The content, dot-stuffed (RFC 5321 section 4.5.2: a line that starts with "." gets another), ended
     * with CRLF if it is not already, and the final ".": copied once into the session's buffer, so it
     * leaves in one write. Content known to have no such line ({@code dotSafe}) is copied as it is: the
     * look at every byte was a good part of the CPU time a 50 KB message cost.
     */
    private void appendContent(byte[] content, boolean dotSafe) {
        ensure(content.length + content.length / 64 + 5);
        int from = 0;
        boolean lineStart = true;
        for (int i = 0; i < content.length && !dotSafe; i++) {
            if (lineStart && content[i] == '.') {
                copy(content, from, i);
                from = i;
                ensure(content.length - i + content.length / 64 + 5);
                output[outputLength++] = '.';
            }
            lineStart = content[i] == '\n';
        }
        copy(content, from, content.length);
        if (content.length < 2 || content[content.length - 2] != '\r' || content[content.length - 1] != '\n') {
            ensure(2);
            output[outputLength++] = CRLF[0];
            output[outputLength++] = CRLF[1];
        }
        ensure(END_OF_DATA.length);
        System.arraycopy(END_OF_DATA, 0, output, outputLength, END_OF_DATA.length);
        outputLength += END_OF_DATA.length;
    }

    private void copy(byte[] content, int from, int to) {
        ensure(to - from);
        System.arraycopy(content, from, output, outputLength, to - from);
        outputLength += to - from;
    }

    private void ensure(int more) {
        if (outputLength + more > output.length) {
            byte[] larger = new byte[Math.max(output.length * 2, outputLength + more)];
            System.arraycopy(output, 0, larger, 0, outputLength);
            output = larger;
        }
    }

    private void write(byte[] bytes) throws IOException {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, output, outputLength, bytes.length);
        outputLength += bytes.length;
        flush();
    }

    /** Writes the buffer, each write bounded by the timeout; a large message's buffer is given back afterwards. */
    private void flush() throws IOException {
        try {
            for (int at = 0; at < outputLength; at += MAX_WRITE) {
                int length = Math.min(MAX_WRITE, outputLength - at);
                writingSince = System.nanoTime() | 1; // never 0, which means "not writing"
                try {
                    out.write(output, at, length);
                    out.flush();
                } finally {
                    writingSince = 0;
                }
            }
        } finally {
            outputLength = 0;
            if (output.length > 4 * 1024 * 1024) {
                output = new byte[64 * 1024];
            }
        }
    }

    /**
     * Runs on the timer thread: a write that has taken longer than the timeout then fails with a
     * SocketException. The TCP socket is closed, not the TLS one, whose close would wait for the write.
     */
    private void closeIfWriteTimedOut() {
        long since = writingSince;
        if (since != 0 && System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
            try {
                tcp.close();
            } catch (IOException e) {
                // Closing is what the timeout is for; the blocked write fails either way and reports the failure.
            }
        }
    }

    // ---- reading ------------------------------------------------------------------------------------

    private SmtpReply readReply() throws IOException {
        return toReply(readReplyLines());
    }

    private static SmtpReply toReply(String[] lines) throws IOException {
        SmtpReply reply = ServerResponse.toReply(lines);
        if (reply == null) {
            throw new IOException("not an SMTP reply: " + lines[0]);
        }
        return reply;
    }

    /** One reply's lines (RFC 5321 section 4.2.1: "250-" continues, "250 " ends); EOFException at the end of the stream. */
    private String[] readReplyLines() throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>(1);
        while (true) {
            String line = readLine();
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return lines.toArray(new String[0]);
            }
            if (lines.size() > MAX_REPLY_LINES) {
                throw new IOException("a reply of more than " + MAX_REPLY_LINES + " lines");
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (inputPosition == inputLimit) {
                int read = in.read(input);
                if (read < 0) {
                    throw new EOFException("end of stream");
                }
                inputPosition = 0;
                inputLimit = read;
            }
            byte b = input[inputPosition++];
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_REPLY_LINE) {
                throw new IOException("a reply line longer than " + MAX_REPLY_LINE + " bytes");
            }
            line.append((char) (b & 0xff));
        }
    }

    private void closeSocket(Exception failure) {
        closed = true;
        watchdog.cancel(false);
        try {
            socket.close();
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        } finally {
            try {
                tcp.close();
            } catch (IOException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
