package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The server core every page runs on: limits, headers, errors, routing. */
class WebServerTest {

    /** Two workers, a 1 KB body limit, and 3 s to send a request so the slow-client test is quick. */
    static final WebLimits LIMITS = new WebLimits(2, 8, 1024).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(30));

    final List<String> log = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    WebServer server;

    @BeforeEach
    void start() throws IOException {
        Routes routes = new Routes()
                .add(Route.post("/echo", request -> Response.text(200, "got " + request.body().length + " bytes")))
                .add(Route.get("/fail/([a-z0-9.]+)", request -> {
                    throw new IllegalStateException("database said no about " + request.pathParameter(0) + "\n\tat some.Frame");
                }))
                .add(Route.get("/go", request -> Response.seeOther(request.query().getOrDefault("to", "/"))))
                .add(Route.get("/out-of-memory", request -> {
                    throw new OutOfMemoryError("Java heap space");
                }))

                // What Jdbi throws when SQLite's busy timeout runs out while another process holds the write lock.
                .add(Route.post("/busy", request -> {
                    throw new IllegalStateException("Failed to start transaction",
                            new SQLiteException("[SQLITE_BUSY] The database file is locked (database is locked)", SQLiteErrorCode.SQLITE_BUSY));
                }));
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), routes, LIMITS, SecurityHeaders.PUBLIC,
                new ErrorPages(ReaderPages.standard("Test Network", Locale.UK)), log::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersErrorsIncluded() throws Exception {
        for (HttpResponse<String> answer : List.of(post("/echo", "x"), get("/nowhere"), get("/fail/x"), get("/echo"))) {
            assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'").contains("form-action 'self'"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherDeclaredOrStreamed() throws Exception {
        assertThat(post("/echo", "x".repeat(1024)).body()).isEqualTo("got 1024 bytes");
        HttpResponse<String> declared = post("/echo", "x".repeat(1025));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("That request is too large");

        // Chunked: no length up front, so the limit must hold while reading.
        String chunked = rawRequest("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + ("400\r\n" + "y".repeat(1024) + "\r\n").repeat(50) + "0\r\n\r\n");
        assertThat(chunked).startsWith("HTTP/1.1 413");
    }

    @Test
    void aFailingHandlerGivesAPlainPageAndOneMaskedLogLineNeverAStackTrace() throws Exception {
        String token = "12.34.abcdefghijklmnopqrstuv";
        HttpResponse<String> answer = get("/fail/" + token);
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("Something went wrong on our side").doesNotContain("IllegalStateException").doesNotContain("at some.Frame")
                .doesNotContain("database said no");
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("error GET /fail/12.34.…").contains("database said no about 12.34.…")
                .doesNotContain("abcdefghijklmnopqrstuv").doesNotContain("some.Frame"));
    }

    @Test
    void aBusyDatabaseIsA503ThatSaysNothingWasRecordedAndWhenToTryAgain() throws Exception {
        HttpResponse<String> answer = post("/busy", "List-Unsubscribe=One-Click");
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("120");
        assertThat(answer.body()).contains("We could not record that just now").contains("try again in a few minutes")
                .doesNotContain("SQLITE_BUSY");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405WithAllow() throws Exception {
        // Paths that climb above the root: the HTTP library refuses them before any route runs.
        assertThat(get("/../../etc/passwd").statusCode()).isEqualTo(400);
        assertThat(get("/%2e%2e/%2e%2e/etc/passwd").statusCode()).isEqualTo(400);
        assertThat(get("/nowhere/deeper/%2e%2e/%2e%2e/etc/passwd").statusCode()).isEqualTo(404);
        HttpResponse<String> wrong = get("/echo");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(server.origin().resolve("/nowhere")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void redirectsGoOnlyToPathsOnThisSite() throws Exception {
        assertThat(get("/go?to=/archive/").headers().firstValue("Location")).hasValue("/archive/");
        for (String outside : List.of("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            HttpResponse<String> answer = get("/go?to=" + java.net.URLEncoder.encode(outside, StandardCharsets.UTF_8));
            assertThat(answer.statusCode()).as(outside).isEqualTo(500);
            assertThat(answer.headers().firstValue("Location")).as(outside).isEmpty();
        }
    }

    @Test
    void theLogMasksSignaturesAndNeverShowsQueries() throws Exception {
        get("/nowhere/12.34.abcdefghijklmnopqrstuv?email=ann%40example.org");
        awaitLogLines(1); // written once the answer has gone out
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("GET /nowhere/12.34.… 404"));
        assertThat(String.join("\n", log)).doesNotContain("abcdefghijklmnopqrstuv").doesNotContain("ann");
    }

    @Test
    void aClientThatSendsItsRequestTooSlowlyIsCutOff() throws Exception {
        // LIMITS gives 3 s to send a request (10 s in real use).
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            slow.setSoTimeout(15_000);
            OutputStream out = slow.getOutputStream();
            out.write("GET /nowhere HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            int read;
            try {
                read = slow.getInputStream().read();
            } catch (IOException reset) {
                read = -1;
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertThat(read).as("the server closes the connection rather than answering").isEqualTo(-1);
            assertThat(seconds).as("seconds until the server gave up").isBetween(2L, 10L);
        }
    }

    @Test
    void anErrorInAHandlerIsA500ThatClosesTheConnectionAndTheWorkersCarryOn() throws Exception {
        for (int i = 0; i < 3; i++) { // more than the two workers: none of them may die of it
            try (RawClient client = RawClient.connect(server.port())) {
                client.send("GET /out-of-memory HTTP/1.1\r\nHost: x\r\n\r\n");
                RawClient.Answer answer = client.read().orElseThrow();
                assertThat(answer.status()).isEqualTo(500);
                assertThat(answer.header("Connection")).hasValue("close");
                assertThat(answer.header("Content-Security-Policy")).isPresent();
                assertThat(answer.body()).contains("Something went wrong on our side").doesNotContain("OutOfMemoryError");
                assertThat(client.closedWithinWithoutAnswer(Duration.ofSeconds(5))).isTrue();
            }
        }
        assertThat(post("/echo", "still here").body()).isEqualTo("got 10 bytes");
        assertThat(log).anySatisfy(line -> assertThat(line).isEqualTo("error GET /out-of-memory: OutOfMemoryError: Java heap space"));
    }

    @Test
    void aClientDribblingItsHeadersIsCutOffAtTheDeadlineThoughNeverIdle() throws Exception {
        try (RawClient slow = RawClient.connect(server.port())) {
            long started = System.nanoTime();
            String request = "GET /nowhere HTTP/1.1\r\nHost: x\r\nUser-Agent: " + "x".repeat(200);
            boolean closed = false;
            // A byte every 100 ms keeps the connection from ever being idle for long.
            for (int i = 0; i < request.length() && !closed; i++) {
                slow.sendAnyway(request.substring(i, i + 1));
                closed = slow.closedWithinWithoutAnswer(Duration.ofMillis(100));
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertThat(closed).as("closed before the request was complete").isTrue();
            assertThat(seconds).as("seconds until the server gave up (deadline 3 s)").isBetween(2L, 10L);
        }
    }

    @Test
    void aClientDribblingItsBodyIsCutOffAtTheDeadline() throws Exception {
        try (RawClient slow = RawClient.connect(server.port())) {
            long started = System.nanoTime();
            slow.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
            boolean closed = false;
            for (int i = 0; i < 1000 && !closed; i++) {
                slow.sendAnyway("b");
                closed = slow.closedWithinWithoutAnswer(Duration.ofMillis(100));
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertThat(closed).as("closed before the body was complete").isTrue();
            assertThat(seconds).as("seconds until the server gave up (deadline 3 s)").isBetween(2L, 10L);
        }
        assertThat(post("/echo", "x").body()).isEqualTo("got 1 bytes");
    }

    private void awaitLogLines(int count) throws InterruptedException {
        for (int i = 0; i < 200 && log.size() < count; i++) {
            Thread.sleep(10);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.origin().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.origin().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends bytes as they are (the JDK client would not send a malformed or chunked upload this way) and reads the reply. */
    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // The server may close before it has read everything; its answer is still there to read.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    reply.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // A reset after the answer: what arrived is what we check.
            }
            return reply.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
