package org.newsletter.web.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.testing.IssueFixture;

/** The preview over plain HTTP against a real server on a free port, with a real SQLite store. */
class PreviewServerTest {

    private static final String WEB = "/archive/" + RunningPreview.ISSUE + "/";

    @TempDir
    Path dir;

    private RunningPreview preview;

    @BeforeEach
    void start() throws IOException {
        preview = RunningPreview.start(dir);
    }

    @AfterEach
    void stop() throws IOException {
        preview.close();
        assertThat(preview.failures()).as("server failures").isEmpty();
    }

    @Test
    void thePageLoadsItsScriptFromItselfUnderAPolicyWithoutInlineScriptsOrEval() {
        HttpResponse<String> page = preview.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/preview.js\" defer></script>").contains("id=\"mobile\"").contains("id=\"dark\"")
                .contains("data-tab=\"text\"").contains("data-tab=\"headers\"").contains("data-tab=\"check\"")
                .contains("data-tab=\"web\"").contains("data-tab=\"outbox\"");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "connect-src 'self'", "frame-src 'self'", "frame-ancestors 'self'")
                .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(preview.get("/preview.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    }

    @Test
    void theEmailIsTheSampleReadersWithTheIssuesImagesServedLocally() {
        HttpResponse<String> email = preview.get("/email");
        assertThat(email.statusCode()).isEqualTo(200);
        assertThat(email.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("sandbox ");
        assertThat(email.body()).contains("August Team Update").contains("sam.sample@example.org")
                .contains("src=\"" + WEB + "images/birds.jpg\"")
                .doesNotContain("https://news.example.org/archive/" + RunningPreview.ISSUE + "/")
                .contains("https://news.example.org/u/sample-token");

        HttpResponse<String> image = preview.get(WEB + "images/birds.jpg");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(preview.get(WEB + "images/croydon-urban-room.jpg").statusCode()).isEqualTo(200);
    }

    @Test
    void darkModeMakesTheDarkRulesApplyAndLightModeKeepsThemOff() {
        String dark = preview.get("/email?scheme=dark").body();
        String light = preview.get("/email?scheme=light").body();
        assertThat(dark).doesNotContain("prefers-color-scheme: dark").contains("@media (grid: 0)").contains(":root{color-scheme:dark}");
        assertThat(light).doesNotContain("prefers-color-scheme: dark").contains("@media (grid: 1)").contains(":root{color-scheme:light}");
    }

    @Test
    void theTabsShowTheTextPartTheHeadersTheCheckFindingsAndTheWebVersion() {
        assertThat(preview.get("/tab/text").body()).startsWith("<pre class=\"text-part\">").contains("August Team Update: Enjoying the fruits of co-production\n=====")
                .contains("This email was sent to sam.sample@example.org.");
        String headers = preview.get("/tab/headers").body();
        assertThat(headers).contains("MAIL FROM:&lt;news@example.org&gt;").contains("To: Sam Sample &lt;sam.sample@example.org&gt;")
                .contains("Subject: August Team Update").contains("List-Id: ").contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .contains("Message-ID: &lt;");
        assertThat(preview.get("/tab/check").body()).contains("newsletter check finds nothing to fix");
        assertThat(preview.get("/tab/status").body()).contains("Rendered for the sample reader");

        HttpResponse<String> web = preview.get(WEB);
        assertThat(web.statusCode()).isEqualTo(200);
        assertThat(web.body()).contains("August Team Update").doesNotContain("sam.sample@example.org");
        HttpResponse<String> calendar = preview.get(WEB + "events/drop-in-2024-08-15.ics");
        assertThat(calendar.statusCode()).isEqualTo(200);
        assertThat(calendar.headers().firstValue("Content-Type")).hasValue("text/calendar; charset=utf-8");
        assertThat(calendar.body()).contains("BEGIN:VEVENT").contains("TZID=Europe/London");
    }

    @Test
    void checkFindingsNameTheFileAndLine() throws InterruptedException {
        Path index = preview.issueFolder().resolve("index.md");
        rewrite(index, "preheader: Support", "# preheader: Support");
        String check = eventually(() -> preview.get("/tab/check").body(), body -> body.contains(" warning"));
        assertThat(check).containsPattern("newsletters/" + RunningPreview.ISSUE + "/index\\.md:\\d+");
    }

    @Test
    void anErrorDoesNotHideTheWarningsInTheCheckTab() throws InterruptedException {
        Path index = preview.issueFolder().resolve("index.md");
        rewrite(index, "preheader: Support", "colour: blue\n# preheader: Support");
        String check = eventually(() -> preview.get("/tab/check").body(), body -> body.contains("unknown key"));
        assertThat(check).contains("1 error, 1 warning").contains("unknown key &#39;colour&#39;").contains("no preheader");
    }

    @Test
    void renderAsASubscriberUsesTheirNameAddressAndOwnSignedLinks() {
        ok("lists", "create", "news", "--name", "Monthly news");
        ok("subscribers", "add", "ann@example.org", "--name", "Ann Lee", "--list", "news");

        String email = preview.get("/email?as=ann@example.org").body();
        Matcher link = Pattern.compile("https://news\\.example\\.org/u/(\\d+\\.\\d+\\.[A-Za-z0-9_-]{22})").matcher(email);
        assertThat(link.find()).as("a personal unsubscribe link in\n" + email).isTrue();
        SubscriberTokens tokens = new SubscriberTokens(RunningPreview.SECRET);
        assertThat(tokens.verify(SubscriberTokens.Purpose.UNSUBSCRIBE, link.group(1))).isPresent();
        assertThat(email).contains("ann@example.org").doesNotContain("sam.sample@example.org");

        String headers = preview.get("/tab/headers?as=ann%40example.org").body();
        assertThat(headers).contains("To: Ann Lee &lt;ann@example.org&gt;").contains("news.example.org&gt;")
                .contains("&lt;https://news.example.org/u/" + link.group(1) + "&gt;,")
                .contains("mailto:news@example.org?subject=unsubscribe%20" + link.group(1));
        assertThat(preview.get("/tab/text?as=ann%40example.org").body()).contains("This email was sent to ann@example.org.");
        assertThat(preview.get("/tab/status?as=ann%40example.org").body()).contains("Ann Lee &lt;ann@example.org&gt; on list news");

        HttpResponse<String> unknown = preview.get("/tab/status?as=nobody%40example.org");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no subscriber nobody@example.org in the store");
        assertThat(preview.get("/email?as=ann%40example.org&list=other").body()).contains("no list &#39;other&#39;; lists: news");
        assertThat(preview.get("/email?as=not+an+address").body()).contains("render as &#39;not an address&#39;");
    }

    @Test
    void theOutboxListsEachCampaignsMessagesAndShowsEachOne() {
        ok("lists", "create", "news", "--name", "Monthly news");
        ok("subscribers", "add", "ann@example.org", "--name", "Ann Lee", "--list", "news");
        ok("subscribers", "add", "bob@example.org", "--list", "news");
        ok("send", RunningPreview.ISSUE, "--list", "news", "--yes");

        String listing = preview.get("/tab/outbox").body();
        String folder = "1-" + RunningPreview.ISSUE;
        assertThat(listing).contains("<h2>" + folder + "</h2>").contains("2 message(s)").contains("Ann Lee &lt;ann@example.org&gt;")
                .contains("bob@example.org").contains("August Team Update");
        Matcher link = Pattern.compile("href=\"(/outbox/" + folder + "/[^\"]+\\.eml)\">Ann Lee").matcher(listing);
        assertThat(link.find()).as(listing).isTrue();

        String message = preview.get(link.group(1)).body();
        assertThat(message).contains("To: Ann Lee &lt;ann@example.org&gt;").contains("List-Unsubscribe")
                .contains("<iframe class=\"viewport message\"").contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox\"")
                .contains("This email was sent to ann@example.org.");
        HttpResponse<String> html = preview.get(link.group(1) + "/html?scheme=dark");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("sandbox ");
        assertThat(html.body()).contains("ann@example.org").contains(WEB + "images/birds.jpg").contains("@media (grid: 0)");
    }

    @Test
    void anEmptyOutboxSaysHowItFills() {
        assertThat(preview.get("/tab/outbox").body()).contains("The outbox is empty");
    }

    @Test
    void aRequestForAnotherHostNameIsRefusedSoARebindingSiteCannotReadThePreview() throws IOException {
        assertThat(rawGet("/tab/outbox", "evil.example:" + preview.server.port())).startsWith("HTTP/1.1 403 ");
        assertThat(rawGet("/email", "evil.example")).startsWith("HTTP/1.1 403 ");
        assertThat(rawGet("/events", "127.0.0.1.evil.example")).startsWith("HTTP/1.1 403 ");
        assertThat(rawGet("/tab/status", "localhost:" + preview.server.port())).startsWith("HTTP/1.1 200 ");
        assertThat(rawGet("/tab/status", "[::1]:" + preview.server.port())).startsWith("HTTP/1.1 200 ");
        assertThat(rawGet("/tab/status", "127.0.0.1")).startsWith("HTTP/1.1 200 ");
    }

    /** A GET with the Host header given, which HttpClient will not set; returns the status line and the rest. */
    private String rawGet(String path, String host) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), preview.server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(200), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theServerListensOnLoopbackOnlyAndRefusesAnyOtherAddress() throws IOException {
        assertThat(preview.server.url().getHost()).isEqualTo("127.0.0.1");
        var workspace = new WorkspaceLocator().locate(dir);
        Path folder = workspace.newslettersDir().resolve(RunningPreview.ISSUE);
        List<InetAddress> others = new java.util.ArrayList<>(List.of(InetAddress.getByName("0.0.0.0"), InetAddress.getByName("::")));
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            Collections.list(network.getInetAddresses()).stream().filter(a -> !a.isLoopbackAddress()).forEach(others::add);
        }
        for (InetAddress address : others) {
            assertThatThrownBy(() -> PreviewServer.start(workspace, folder, new InetSocketAddress(address, 0), ws -> {
                throw new AssertionError("no store needed");
            }, Map.of(), IssueFixture.CLOCK, line -> { })).as(address.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1");
        }
        assertThatThrownBy(() -> PreviewServer.start(workspace, folder, InetSocketAddress.createUnresolved("localhost", 0), ws -> {
            throw new AssertionError("no store needed");
        }, Map.of(), IssueFixture.CLOCK, line -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void savingAFileSendsAChangeEventAndBadFrontMatterIsReportedWithFileAndLineUntilFixed() throws Exception {
        HttpResponse<InputStream> stream = preview.client().send(HttpRequest.newBuilder(preview.uri("/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String first = nextData(events);

            Path index = preview.issueFolder().resolve("index.md");
            String original = Files.readString(index);
            long saved = System.nanoTime();
            Files.writeString(index, original.replace("title: \"August", "title: [August"));
            String second = nextData(events);
            assertThat(second).isNotEqualTo(first);
            // About 150 ms (the quiet time after a burst of saves); the margin is for a busy CI machine.
            assertThat(Duration.ofNanos(System.nanoTime() - saved)).as("time from save to event").isLessThan(Duration.ofSeconds(2));

            HttpResponse<String> status = preview.get("/tab/status");
            assertThat(status.statusCode()).isEqualTo(422);
            assertThat(status.body()).contains("The issue does not render")
                    .containsPattern("newsletters/" + RunningPreview.ISSUE + "/index\\.md:[23](:\\d+)?</code> <b>error</b>");
            assertThat(preview.get("/email").body()).containsPattern("index\\.md:[23]");

            Files.writeString(index, original);
            assertThat(nextData(events)).isNotEqualTo(second);
            assertThat(preview.get("/tab/status").body()).contains("Rendered for the sample reader");
            assertThat(preview.get("/email").statusCode()).isEqualTo(200);
        }
    }

    /** The data of the next "change" event, within five seconds. */
    private static String nextData(BufferedReader events) throws Exception {
        var reading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = events.readLine()) != null; ) {
                    if (line.startsWith("data: ")) {
                        return line.substring("data: ".length());
                    }
                }
                throw new AssertionError("the event stream ended");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return reading.get(5, TimeUnit.SECONDS);
    }

    /** The first answer within five seconds that passes {@code test}. */
    private static String eventually(java.util.function.Supplier<String> answer, java.util.function.Predicate<String> test)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String last = answer.get();
        while (!test.test(last)) {
            assertThat(System.nanoTime()).as("within 5 s; last answer:\n" + last).isLessThan(deadline);
            Thread.sleep(50);
            last = answer.get();
        }
        return last;
    }

    private static void rewrite(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            assertThat(text).contains(from);
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private IssueFixture.Run ok(String... args) {
        IssueFixture.Run run = preview.workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
        return run;
    }
}
