package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who a request counts as for rate limits: behind a local proxy, its X-Forwarded-For; an IPv6 client by its /64. */
class ClientAddressTest {

    @TempDir
    Path dir;

    @Test
    void forwardedIpv6ClientsAreKnownByTheir64() throws Exception {
        Routes routes = new Routes().add(Route.get("/who", request -> Response.text(200, ClientAddress.of(request))));
        try (WebServer server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), routes, new WebLimits(2, 8, 1024), SecurityHeaders.PUBLIC,
                new ErrorPages(ReaderPages.standard("Test Network", Locale.UK)), RequestLog.NONE)) {
            HttpClient http = HttpClient.newHttpClient();
            for (Map.Entry<String, String> expected : Map.of(
                    "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64",
                    "198.51.100.1, 2001:DB8:1:2::77", "2001:db8:1:2::/64", // the proxy's own entry, in any spelling
                    "[2001:db8:1:3::1]", "2001:db8:1:3::/64",
                    "::ffff:203.0.113.9", "203.0.113.9", // an IPv4 client written the IPv6 way
                    "203.0.113.9", "203.0.113.9",
                    "evil.example", "evil.example", // a name is counted as written, never looked up
                    "2001:db8::zz", "2001:db8::zz").entrySet()) {
                String who = http.send(HttpRequest.newBuilder(server.origin().resolve("/who")).header("X-Forwarded-For", expected.getKey()).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(who).as(expected.getKey()).isEqualTo(expected.getValue());
            }
        }
    }

    @Test
    void theSubscribeFormCountsAnIpv6ClientByIts64() throws Exception {
        try (SiteHarness site = SiteHarness.start(SiteHarness.workspace(dir), new CapturedMail())) {
            // Ten requests a client may send in ten minutes; here each from another address of one /64.
            for (int i = 1; i <= 10; i++) {
                assertThat(subscribe(site, "2001:db8:7:7::" + Integer.toHexString(i), "reader" + i)).as("request %d", i).isEqualTo(200);
            }
            assertThat(subscribe(site, "2001:db8:7:7:ffff:ffff:ffff:ffff", "reader11")).as("the same /64 again").isEqualTo(429);
            assertThat(subscribe(site, "2001:db8:7:8::1", "reader12")).as("the next /64 is someone else").isEqualTo(200);
        }
    }

    private static int subscribe(SiteHarness site, String forwardedFor, String who) throws IOException, InterruptedException {
        return site.post("/subscribe", "email=" + who + "%40example.org&list=events&website=", Map.of("X-Forwarded-For", forwardedFor)).statusCode();
    }
}
