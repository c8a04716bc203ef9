package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.newsletter.config.Workspace;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.mail.Transport;
import org.newsletter.model.EmailAddress;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.NewSubscriber;
import org.newsletter.store.Store;
import org.newsletter.store.StorePool;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.MutableClock;

/**
 * A workspace with lists and subscribers, its public site running on a free loopback port against a
 * real SQLite file, and an HTTP client that never follows redirects (tests look at each answer).
 */
final class SiteHarness implements AutoCloseable {

    static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";

    final IssueFixture workspace;
    final MutableClock clock = new MutableClock(Instant.parse("2024-08-02T09:00:00Z")); // after the set-up commands
    final List<String> log = new CopyOnWriteArrayList<>();
    final SubscriberTokens tokens = new SubscriberTokens(SECRET);
    private final StorePool stores;
    private final PublicSite site;
    private final WebServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean closed;

    private SiteHarness(IssueFixture workspace, Transport confirmations, int port, String... subscribers) throws IOException {
        this.workspace = workspace;
        Workspace loaded = new WorkspaceLocator().locate(workspace.root());
        // The database as 'serve' would find it with the workspace's environment.
        this.stores = Store.openPool(DatabaseLocation.resolve(loaded.databaseUrl(), loaded.stateDir(), workspace.environment()), clock, 4);
        stores.with(store -> {
            // A workspace may have its lists already: made through the command line, or by an earlier start.
            var news = store.lists().find("news").orElseGet(() -> store.lists().create("news", "Monthly news", "", true));
            if (store.lists().find("events").isEmpty()) {
                store.lists().create("events", "Event reminders", "", false);
            }
            for (String address : subscribers) {
                store.subscribers().add(new NewSubscriber(EmailAddress.parse(address), "", null, null, "staff: tester", null), news, "staff: tester");
            }
            return null;
        });
        clock.advance(Duration.ofMinutes(1)); // so what the tests do comes after the set-up in every history
        this.site = new PublicSite(loaded, stores, tokens, confirmations, clock);
        this.server = site.start(new InetSocketAddress("127.0.0.1", port), new WebLimits(4, 64, 16 * 1024), log::add);
    }

    /** The repository's example workspace under {@code dir}, with the test secret. */
    static IssueFixture workspace(Path dir) {
        return IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", SECRET);
    }

    /**
     * The public site of {@code workspace} on a free port, with list "news" (double opt-in), list
     * "events" (single opt-in) and the given subscribers on "news", made through the store directly
     * (much quicker than running commands).
     */
    static SiteHarness start(IssueFixture workspace, Transport confirmations, String... subscribers) throws IOException {
        return new SiteHarness(workspace, confirmations, 0, subscribers);
    }

    static SiteHarness start(IssueFixture workspace, Transport confirmations, int port, String... subscribers) throws IOException {
        return new SiteHarness(workspace, confirmations, port, subscribers);
    }

    /** A list "news" with one subscriber, made through the command line, so that {@link #send} has someone to send to. */
    static IssueFixture withAList(IssueFixture workspace) {
        workspace.env("NEWSLETTER_SECRET", SECRET);
        ok(workspace, "lists", "create", "news", "--name", "Monthly news");
        ok(workspace, "subscribers", "add", "ann@example.org", "--name", "Ann", "--list", "news");
        return workspace;
    }

    /** Sends {@code issue} to "news" through the real command line (into the outbox): a campaign. */
    static void send(IssueFixture workspace, String issue) {
        ok(workspace, "send", issue, "--list", "news", "--yes");
    }

    /** A test send: no campaign, so the issue must stay out of the archive. */
    static void testSend(IssueFixture workspace, String issue) {
        ok(workspace, "send", issue, "--list", "news", "--test-to", "editor@example.org", "--yes");
    }

    /** Subscribes an address to a list as staff would. */
    void subscribe(String address, String slug) {
        stores.with(store -> store.subscribers().add(new NewSubscriber(EmailAddress.parse(address), "", null, null, "staff: tester", null),
                store.lists().require(slug), "staff: tester"));
    }

    static IssueFixture.Run ok(IssueFixture workspace, String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    URI origin() {
        return server.origin();
    }

    <T> T store(Function<Store, T> work) {
        return stores.with(work);
    }

    long subscriberId(String address) {
        return store(s -> s.subscribers().require(EmailAddress.parse(address)).id());
    }

    boolean stored(String address) {
        return store(s -> s.subscribers().find(EmailAddress.parse(address)).isPresent());
    }

    long listId(String slug) {
        return store(s -> s.lists().require(slug).id());
    }

    String status(String address, String list) {
        return store(s -> s.subscribers().details(EmailAddress.parse(address)).orElseThrow().subscriptions().stream()
                .filter(sub -> sub.listSlug().equals(list)).findFirst().map(sub -> sub.status().word()).orElse("none"));
    }

    String unsubscribePath(String address, String list) {
        return "/u/" + tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, subscriberId(address), listId(list));
    }

    IssueFixture workspace() {
        return workspace;
    }

    /** What the server logged: one line per request (written once the answer has gone), and one per problem. */
    List<String> log() {
        return log;
    }

    /** The path as given, not normalised (URI.resolve would take "a/../b" apart before it was sent). */
    URI uri(String rawPath) {
        return URI.create(origin() + rawPath);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Sends a request line exactly as given, for paths no URI class would let through (a raw
     * backslash, a bare "..") and returns the whole answer as text.
     */
    String rawGet(String requestTarget) throws IOException {
        try (Socket socket = new Socket(origin().getHost(), origin().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, body, Map.of());
    }

    /**
     * POSTs and, for the subscribe form, waits until the request has been recorded: that happens after the
     * answer, on the site's own thread, so a test that looks at the store next would otherwise race it.
     */
    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpResponse<String> answer = postAnswer(path, body, headers, Duration.ofSeconds(30));
        if (path.startsWith("/subscribe")) {
            site.awaitSubscribeRequests();
        }
        return answer;
    }

    /** Waits until the subscribe requests answered so far have been recorded. */
    void awaitSubscribeRequests() throws InterruptedException {
        site.awaitSubscribeRequests();
    }

    /** Waits until the clicks and image loads answered so far are in the database (they are written after the answer). */
    void awaitTrackedRequests() throws InterruptedException {
        site.awaitTrackedRequests();
    }

    /** POSTs and returns the answer as soon as it comes, within {@code timeout}, waiting for nothing else. */
    HttpResponse<String> postAnswer(String path, String body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Stops the server, then the site, which first sends every confirmation email already queued
     * (its mailer's thread); so afterwards what {@link CapturedMail} holds is all that was sent.
     * Closing twice does nothing more.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } finally {
            try {
                site.close();
            } finally {
                stores.close();
            }
        }
    }
}
