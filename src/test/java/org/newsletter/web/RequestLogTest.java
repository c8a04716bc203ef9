package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.mail.DeliveryException;
import org.newsletter.mail.SmtpReply;
import org.newsletter.mail.Transport;

/** What the server's log may show: never a working token, never a whole address. */
class RequestLogTest {

    @TempDir
    Path dir;

    @Test
    void signaturesAreCutOffHoweverTheyAreSpelled() {
        assertThat(RequestLog.mask("/u/12.34.abcdefghijklmnopqrstuv")).isEqualTo("/u/12.34.…");
        assertThat(RequestLog.mask("/u/12%2E34%2Eabcdefghijklmnopqrstuv")).isEqualTo("/u/12%2E34.…");
        assertThat(RequestLog.mask("/u/12.34%2eab%63defghijklmnopqrstuv")).isEqualTo("/u/12.34.…");
        assertThat(RequestLog.mask("/confirm/1.2.1725000000.%41%42%43%44%45%46%47%48%49%4A%4B%4C%4D%4E%4F%50")).isEqualTo("/confirm/1.2.1725000000.…");
        assertThat(RequestLog.mask("/archive/2024-08-team-update/images/birds.jpg")).as("no signature here").isEqualTo("/archive/2024-08-team-update/images/birds.jpg");
    }

    @Test
    void aPercentEncodedTokenInARequestIsMaskedInTheServersLog() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (WebServer server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), new Routes(), new WebLimits(2, 8, 1024),
                SecurityHeaders.PUBLIC, new ErrorPages(ReaderPages.standard("Test Network", Locale.UK)), lines::add)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/u/12%2E34%2Eabcdefghijklm%6Eopqrstuv", "/u/12.34.abcdefghijklmnop%71rstuv")) {
                http.send(HttpRequest.newBuilder(server.origin().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (lines.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10); // each line is written once its answer has gone out
            }
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("GET /u/12%2E34.… 404"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("GET /u/12.34.… 404"));
        assertThat(String.join("\n", lines)).doesNotContain("abcdefghijklm").doesNotContain("%6Eopq").doesNotContain("opqrstuv");
    }

    @Test
    void controlCharactersAClientSendsAreEscapedInTheLog() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (WebServer server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), new Routes(), new WebLimits(2, 8, 1024),
                SecurityHeaders.PUBLIC, new ErrorPages(ReaderPages.standard("Test Network", Locale.UK)), lines::add)) {
            for (String method : List.of("G\u001b]0;owned\u0007ET", "\u001b[2J")) {
                try (RawClient client = RawClient.connect(server.origin().getPort())) {
                    client.sendAnyway(method + " /x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                    client.read(java.time.Duration.ofSeconds(5), 4096);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (lines.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10); // each line is written once its answer has gone out
            }
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        assertThat(String.join("\n", lines)).doesNotContain("\u001b").doesNotContain("\u0007");
        List<String> logged = new ArrayList<>();
        RequestLog.masking(logged::add).log("G\u001b]0;owned\u0007ET /x 404\r\nforged line");
        assertThat(logged).containsExactly("G\\e]0;owned\\u0007ET /x 404\\r\\nforged line");
    }

    @Test
    void aMaskingLogHidesEveryAddressInALine() {
        List<String> lines = new ArrayList<>();
        RequestLog log = RequestLog.masking(lines::add);
        log.log("confirmation to z•••q@example.org not sent: 550 5.1.1 <zoe.q@example.org>: Recipient address rejected; "
                + "also cc ann@example.com, bo@x.example");
        assertThat(lines).containsExactly("confirmation to z•••q@example.org not sent: 550 5.1.1 <z•••q@example.org>: Recipient address rejected; "
                + "also cc a•••n@example.com, b•••@x.example");
    }

    @Test
    void aConfirmationEmailThatFailsIsLoggedWithoutTheAddress() throws Exception {
        Transport refusing = new Transport() {
            @Override
            public String describe() {
                return "refusing";
            }

            @Override
            public Channel open() {
                return new Channel() {
                    @Override
                    public SmtpReply send(org.newsletter.mail.OutgoingMessage message) throws DeliveryException {
                        String reply = "550 5.1.1 <" + message.recipient() + ">: Recipient address rejected: User unknown";
                        throw new DeliveryException(DeliveryException.Kind.PERMANENT, SmtpReply.parse(reply), false, reply, null);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        try (SiteHarness site = SiteHarness.start(SiteHarness.workspace(dir), refusing)) {
            assertThat(site.post("/subscribe", "email=zoe.quinn%40example.org&list=news&website=").statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (site.log().stream().noneMatch(line -> line.contains("not sent")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(site.log()).anySatisfy(line -> assertThat(line).contains("not sent").contains("z•••n@example.org"));
            assertThat(String.join("\n", site.log())).doesNotContain("zoe.quinn@example.org").doesNotContain("zoe.quinn%40");
        }
    }
}
