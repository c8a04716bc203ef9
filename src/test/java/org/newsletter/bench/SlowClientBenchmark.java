package org.newsletter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slow clients against a running {@code newsletter serve}, and how long a reader waits meanwhile.
 * Each slow client sends one byte a second: a third dribble their headers, a third send headers and
 * then dribble a body, a third declare a body and never send it; when the server closes one, it
 * connects again at once, as an attacker would. Probes (a {@code GET /healthz} and an RFC 8058
 * one-click {@code POST /u/TOKEN}, each on a new connection, one after the other) are timed first
 * with no slow clients (the yardstick: what this machine gives right now), then with them running.
 *
 * <p>Usage: {@code SlowClientBenchmark PORT PATHS-FILE SLOW-CLIENTS PROBES}
 */
public final class SlowClientBenchmark {

    /** A probe that waits this long has failed: readers and mail clients give up too. */
    private static final int PROBE_TIMEOUT_MILLIS = 15_000;
    /** A phase stops after this long even if not every probe has run (an old server may answer each in 10 s). */
    private static final long PHASE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(90);

    private static final long PAUSE_MILLIS = 100;

    private final int port;
    private final List<String> unsubscribePaths;
    private int nextPath;

    private SlowClientBenchmark(int port, List<String> unsubscribePaths) {
        this.port = port;
        this.unsubscribePaths = unsubscribePaths;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SlowClientBenchmark PORT PATHS-FILE SLOW-CLIENTS PROBES");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        List<String> paths = Files.readAllLines(Path.of(args[1]));
        int slow = Integer.parseInt(args[2]);
        int probes = Integer.parseInt(args[3]);
        new SlowClientBenchmark(port, paths).run(slow, probes);
    }

    private void run(int slow, int probes) throws InterruptedException {
        probe(100); // warm-up: lets the JIT compile the request path; not counted
        System.out.println("yardstick, no slow clients:");
        report(probe(probes));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reconnects = new AtomicInteger();
        AtomicInteger connected = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < slow; i++) {
            Kind kind = Kind.values()[i % Kind.values().length];
            Thread t = new Thread(() -> slowClient(kind, stop, connected, reconnects), "slow-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connected.get() < slow && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        Thread.sleep(2000); // every slow client has sent its first bytes and is a second or two into its request
        System.out.printf(Locale.ROOT, "with %d slow clients running (%d connected; a byte a second each: %d dribbling headers, "
                + "%d dribbling bodies, %d declaring bodies they never send):%n", slow, connected.get(),
                count(slow, Kind.HEADERS), count(slow, Kind.BODY), count(slow, Kind.NO_BODY));
        long started = System.nanoTime();
        int before = reconnects.get();
        report(probe(probes));
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        System.out.printf(Locale.ROOT, "slow connections the server closed meanwhile (each reconnected at once): %d in %d s%n",
                reconnects.get() - before, seconds);
        stop.set(true);
        for (Thread t : threads) {
            t.join(3000);
        }
    }

    private static int count(int slow, Kind kind) {
        return (slow + Kind.values().length - 1 - kind.ordinal()) / Kind.values().length;
    }

    /**
     * One probe of each kind at a time, {@code count} times (or until the phase limit), a tenth of a
     * second apart: so a phase spans several of the slow clients' 10 s request deadlines, and the
     * probes meet the server while it closes them and they all connect again.
     */
    private List<Timings> probe(int count) throws InterruptedException {
        Timings health = new Timings("GET /healthz");
        Timings oneClick = new Timings("POST /u/TOKEN (one-click)");
        long limit = System.nanoTime() + PHASE_LIMIT_NANOS;
        for (int i = 0; i < count && System.nanoTime() < limit; i++) {
            health.add(timed("GET /healthz HTTP/1.1\r\nHost: news.example.org\r\nConnection: close\r\n\r\n"));
            String path = unsubscribePaths.get(nextPath++ % unsubscribePaths.size());
            String body = "List-Unsubscribe=One-Click";
            oneClick.add(timed("POST " + path + " HTTP/1.1\r\nHost: news.example.org\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
            Thread.sleep(PAUSE_MILLIS);
        }
        return List.of(health, oneClick);
    }

    /** Milliseconds from connecting to the end of a 200 answer; negative for a failure or a timeout. */
    private double timed(String request) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), PROBE_TIMEOUT_MILLIS);
            socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readAllBytes();
            boolean ok = new String(answer, 0, Math.min(answer.length, 12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
            double millis = (System.nanoTime() - started) / 1e6;
            return ok ? millis : -millis;
        } catch (IOException e) {
            return -(System.nanoTime() - started) / 1e6;
        }
    }

    private enum Kind {
        HEADERS("GET /healthz HTTP/1.1\r\nHost: news.example.org\r\n", "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        BODY("POST /u/1.1 HTTP/1.1\r\nHost: news.example.org\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n",
                "List-Unsubscribe=One-Click&" + "a".repeat(9000)),
        NO_BODY("POST /u/1.1 HTTP/1.1\r\nHost: news.example.org\r\nContent-Length: 16000\r\n\r\n", "");

        final String start;
        final String dribbled;

        Kind(String start, String dribbled) {
            this.start = start;
            this.dribbled = dribbled;
        }
    }

    /** Sends the kind's start at once, then a byte a second; connects again whenever the server lets go. */
    private void slowClient(Kind kind, AtomicBoolean stop, AtomicInteger connected, AtomicInteger reconnects) {
        boolean first = true;
        while (!stop.get()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), PROBE_TIMEOUT_MILLIS);
                socket.setSoTimeout(1000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(kind.start.getBytes(StandardCharsets.US_ASCII));
                if (first) {
                    connected.incrementAndGet();
                    first = false;
                }
                for (int i = 0; !stop.get(); i++) {
                    if (!kind.dribbled.isEmpty()) {
                        out.write(kind.dribbled.charAt(i % kind.dribbled.length()));
                        out.flush();
                    }
                    try {
                        if (in.read() < 0) {
                            break; // closed by the server
                        }
                        in.skip(in.available()); // an answer (e.g. 413): read it, the server closes next
                    } catch (SocketTimeoutException quiet) {
                        // nothing from the server this second: go on dribbling
                    }
                }
            } catch (IOException closed) {
                // reset by the server: connect again
            }
            if (!stop.get()) {
                reconnects.incrementAndGet();
            }
        }
    }

    private static void report(List<Timings> timings) {
        for (Timings t : timings) {
            System.out.println("  " + t.summary());
        }
    }

    /** Latencies of one kind of probe. */
    private static final class Timings {
        final String name;
        final List<Double> millis = new ArrayList<>();
        int failed;

        Timings(String name) {
            this.name = name;
        }

        void add(double result) {
            if (result < 0) {
                failed++;
            }
            millis.add(Math.abs(result));
        }

        String summary() {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (sorted.length == 0) {
                return name + ": no probes";
            }
            return String.format(Locale.ROOT, "%-27s n=%d  p50 %.1f ms  p99 %.1f ms  max %.1f ms  failed or timed out: %d", name,
                    sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1], failed);
        }

        private static double percentile(double[] sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
        }
    }
}
