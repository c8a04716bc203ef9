package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rude clients against a real server: ones that send their request a byte at a time, ones that
 * declare a body and never send it, and one address holding many connections. Readers' requests
 * must still be answered; the bounds here are generous (2 s for an answer that takes milliseconds)
 * so that they only fail when a request really waits for the rude ones. bin/newsletter-bench
 * slowloris measures the latency.
 */
class SlowClientsTest {

    /** Fewer workers than slow clients, so that one slow client per worker would stop everything. */
    static final int WORKERS = 2;
    static final Duration GENEROUS = Duration.ofSeconds(2);

    final List<String> log = new CopyOnWriteArrayList<>();
    final List<RawClient> clients = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(GENEROUS).build();
    final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
    WebServer server;

    WebServer start(WebLimits limits) throws IOException {
        Routes routes = new Routes()
                .add(Route.get("/healthz", request -> Response.text(200, "ok\n")))
                .add(Route.post("/u/([0-9.]+)", request -> Response.text(200, "unsubscribed " + request.form().get("List-Unsubscribe"))));
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), routes, limits, SecurityHeaders.PUBLIC,
                new ErrorPages(ReaderPages.standard("Test Network", Locale.UK)), log::add);
        return server;
    }

    @AfterEach
    void stop() throws IOException {
        dribbler.shutdownNow();
        for (RawClient client : clients) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void slowClientsHoldingMoreConnectionsThanThereAreWorkersDoNotDelayAnyoneElse() throws Exception {
        start(new WebLimits(WORKERS, 64, 16 * 1024)); // the request deadline is the real 10 s: longer than the test

        AtomicInteger bytesSent = new AtomicInteger();
        for (int i = 0; i < 6; i++) {
            // Headers a byte at a time.
            dribble(open(), "GET /healthz HTTP/1.1\r\nHost: news.example.org\r\nUser-Agent: " + "x".repeat(200), bytesSent);
        }
        for (int i = 0; i < 6; i++) {
            // Headers at once, then a body a byte at a time.
            RawClient client = open();
            client.send("POST /u/1.2 HTTP/1.1\r\nHost: news.example.org\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 200\r\n\r\n");
            dribble(client, "List-Unsubscribe=One-Click&" + "x".repeat(150), bytesSent);
        }
        for (int i = 0; i < 4; i++) {
            // A body of the largest allowed size is declared and never comes.
            open().send("POST /u/1.2 HTTP/1.1\r\nHost: news.example.org\r\nContent-Length: 16384\r\n\r\n");
        }
        // Every dribbling client has sent a few bytes by now: with a worker per connection, they would hold them all.
        awaitAtLeast(bytesSent, 12 * 3);

        for (int probe = 0; probe < 5; probe++) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.origin().resolve("/healthz")).timeout(GENEROUS).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(server.origin().resolve("/u/1.2")).timeout(GENEROUS)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(oneClick.body()).isEqualTo("unsubscribed One-Click");
        }
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedAtOnceWithoutWaitingForIt() throws Exception {
        start(new WebLimits(WORKERS, 64, 16 * 1024));
        RawClient client = open();
        client.send("POST /u/1.2 HTTP/1.1\r\nHost: news.example.org\r\nContent-Length: 16385\r\n\r\n");

        Optional<RawClient.Answer> answer = client.read(GENEROUS, 64 * 1024);
        assertThat(answer).hasValueSatisfying(a -> {
            assertThat(a.status()).isEqualTo(413);
            assertThat(a.header("Connection")).hasValue("close");
        });
    }

    @Test
    void oneAddressMayHoldOnlyItsShareOfConnections() throws Exception {
        // 127.0.0.2 and 127.0.0.3 are two clients; loopback counted, as it is not behind a proxy.
        start(new WebLimits(WORKERS, 64, 16 * 1024).withConnectionsPerClient(4, true));
        List<RawClient> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RawClient client = open("127.0.0.2");
            assertThat(healthOn(client)).as("connection %d of 4", i + 1).hasValue(200);
            held.add(client); // kept alive, idle
        }

        RawClient fifth = open("127.0.0.2");
        fifth.sendAnyway("GET /healthz HTTP/1.1\r\nHost: news.example.org\r\n\r\n");
        assertThat(fifth.closedWithinWithoutAnswer(GENEROUS)).as("a fifth connection from the same address is closed unanswered").isTrue();

        assertThat(healthOn(open("127.0.0.3"))).as("another address").hasValue(200);
        awaitLogLine("refused ");
        assertThat(log).contains("refused 1 connection from clients already holding 4 (--connections-per-client)");
        assertThat(String.join("\n", log)).as("no client is named").doesNotContain("127.0.0.2");

        held.get(0).close();
        assertThat(eventuallyAnswered("127.0.0.2")).as("a place is free again once one of the four closes").isTrue();
    }

    private RawClient open() throws IOException {
        return open("127.0.0.1");
    }

    private RawClient open(String from) throws IOException {
        RawClient client = RawClient.connect(server.port(), from);
        clients.add(client);
        return client;
    }

    /** Sends {@code text} one byte every 100 ms, for as long as the test runs. */
    private void dribble(RawClient client, String text, AtomicInteger bytesSent) {
        AtomicInteger next = new AtomicInteger();
        dribbler.scheduleWithFixedDelay(() -> {
            int i = next.getAndIncrement();
            if (i < text.length()) {
                client.sendAnyway(text.substring(i, i + 1));
                bytesSent.incrementAndGet();
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    private static void awaitAtLeast(AtomicInteger count, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count.get()).as("bytes the slow clients sent").isGreaterThanOrEqualTo(atLeast);
    }

    private void awaitLogLine(String start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (log.stream().noneMatch(line -> line.startsWith(start)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static Optional<Integer> healthOn(RawClient client) throws IOException {
        client.sendAnyway("GET /healthz HTTP/1.1\r\nHost: news.example.org\r\n\r\n");
        return client.read(GENEROUS, 1024).map(RawClient.Answer::status);
    }

    /** The server learns of a closed connection a moment after the client closes it. */
    private boolean eventuallyAnswered(String from) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (healthOn(open(from)).isPresent()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
