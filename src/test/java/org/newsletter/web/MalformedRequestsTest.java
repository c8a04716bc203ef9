package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the HTTP library refuses before any route runs still get the answer every page gets: the
 * security headers, no-store, a plain page that names neither the server nor the library, and the
 * connection closed.
 */
class MalformedRequestsTest {

    static final List<String> log = new CopyOnWriteArrayList<>();
    static WebServer server;

    @BeforeAll
    static void start() throws IOException {
        Routes routes = new Routes().add(Route.getAndPost("/", request -> Response.text(200, "home\n")));
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), routes, new WebLimits(2, 8, 1024), SecurityHeaders.PUBLIC,
                new ErrorPages(ReaderPages.standard("Test Network", Locale.UK)), log::add);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET / HTTP/1.1\r\nHost: x\r\nA header without a colon\r\n\r\n",
            "NOT AN HTTP REQUEST\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n", // HTTP/1.1 without Host (RFC 9112, 3.2)
            "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: twelve\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n",
            "GET / HTTP/7.0\r\nHost: x\r\n\r\n",
            "GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nX-Huge: HUGE\r\n\r\n",
            "GET /LONG HTTP/1.1\r\nHost: x\r\n\r\n",
    })
    void theLibrarysOwnErrorAnswersCarryTheSecurityHeaders(String request) throws IOException {
        String sent = request.replace("HUGE", "h".repeat(20_000)).replace("/LONG", "/" + "l".repeat(20_000));
        try (RawClient client = RawClient.connect(server.port())) {
            client.sendAnyway(sent);
            Optional<RawClient.Answer> reply = client.read(Duration.ofSeconds(5), 64 * 1024);

            assertThat(reply).as("an answer, not a silent close").isPresent();
            RawClient.Answer answer = reply.get();
            assertThat(answer.status()).isBetween(400, 505);
            assertThat(answer.header("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'"));
            assertThat(answer.header("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.header("Referrer-Policy")).hasValue("no-referrer");
            assertThat(answer.header("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.header("Cache-Control")).hasValue("no-store");
            assertThat(answer.header("Server")).isEmpty();
            assertThat(answer.body().toLowerCase(Locale.ROOT)).doesNotContain("jetty").doesNotContain("hhhhhhhh").doesNotContain("<script");
            assertThat(client.closedWithinWithoutAnswer(Duration.ofSeconds(5))).as("the connection is closed after it").isTrue();
        }
    }
}
