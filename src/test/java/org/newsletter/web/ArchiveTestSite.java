package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.config.Workspace;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.Store;
import org.newsletter.store.StorePool;
import org.newsletter.testing.IssueFixture;

/**
 * A workspace whose issues are sent (or not) through the real command line, and the real public site
 * serving it on a free loopback port with its SQLite store, for tests of the archive.
 */
final class ArchiveTestSite implements AutoCloseable {

    static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";

    private final IssueFixture workspace;
    private final StorePool stores;
    private final PublicSite site;
    private final WebServer server;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ArchiveTestSite(IssueFixture workspace) throws IOException {
        this.workspace = workspace;
        Workspace located = new WorkspaceLocator().locate(workspace.root());
        this.stores = Store.openPool(DatabaseLocation.resolve(located.databaseUrl(), located.stateDir(), Map.of()), IssueFixture.CLOCK, 2);
        this.site = new PublicSite(located, stores, new SubscriberTokens(SECRET), new CapturedMail(), IssueFixture.CLOCK);
        this.server = site.start(new InetSocketAddress("127.0.0.1", 0), new WebLimits(2, 16, 16 * 1024), log::add);
    }

    /** A list "news" with one subscriber, so that {@link #send} has someone to send to. */
    static IssueFixture withAList(IssueFixture workspace) {
        workspace.env("NEWSLETTER_SECRET", SECRET);
        ok(workspace, "lists", "create", "news", "--name", "Monthly news");
        ok(workspace, "subscribers", "add", "ann@example.org", "--name", "Ann", "--list", "news");
        return workspace;
    }

    /** Sends {@code issue} to the list through the real command line (into the outbox): a campaign. */
    static void send(IssueFixture workspace, String issue) {
        ok(workspace, "send", issue, "--list", "news", "--yes");
    }

    /** A test send: no campaign, so the issue must stay out of the archive. */
    static void testSend(IssueFixture workspace, String issue) {
        ok(workspace, "send", issue, "--list", "news", "--test-to", "editor@example.org", "--yes");
    }

    private static void ok(IssueFixture workspace, String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
    }

    static ArchiveTestSite serve(IssueFixture workspace) throws IOException {
        return new ArchiveTestSite(workspace);
    }

    IssueFixture workspace() {
        return workspace;
    }

    /** What the server logged: one line per request, and one per problem. */
    List<String> log() {
        return log;
    }

    URI uri(String rawPath) {
        return URI.create(server.origin() + rawPath);
    }

    HttpResponse<String> get(String rawPath) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(rawPath)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String rawPath) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(rawPath)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Sends a request line exactly as given, for paths no URI class would let through (a raw
     * backslash, a bare "..") and returns the whole answer as text.
     */
    String rawGet(String requestTarget) throws IOException {
        try (Socket socket = new Socket(server.origin().getHost(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            site.close();
            stores.close();
        }
    }
}
