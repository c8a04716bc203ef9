package org.newsletter.web.preview;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.Store;
import org.newsletter.testing.IssueFixture;

/**
 * A preview of the seed issue in a copy of the repository's workspace, served on a free loopback port,
 * with a real SQLite store in the workspace, and an HTTP client for it.
 */
final class RunningPreview implements AutoCloseable {

    static final String SECRET = "preview-test-secret-preview-test-secret";
    static final String ISSUE = IssueFixture.SEED_ISSUE;

    final IssueFixture workspace;
    final PreviewServer server;
    /** Every line the server logged. */
    final List<String> log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningPreview(IssueFixture workspace, PreviewServer server, List<String> log) {
        this.workspace = workspace;
        this.server = server;
        this.log = log;
    }

    static RunningPreview start(Path dir) throws IOException {
        IssueFixture workspace = IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", SECRET);
        Map<String, String> environment = Map.of("NEWSLETTER_SECRET", SECRET);
        var located = new WorkspaceLocator().locate(dir);
        List<String> log = new CopyOnWriteArrayList<>();
        PreviewServer server = PreviewServer.start(located, located.newslettersDir().resolve(ISSUE), new InetSocketAddress("127.0.0.1", 0),
                ws -> Store.open(DatabaseLocation.resolve(ws.databaseUrl(), ws.stateDir(), environment), IssueFixture.CLOCK),
                environment, IssueFixture.CLOCK, log::add);
        return new RunningPreview(workspace, server, log);
    }

    /** GET of a path exactly as written, percent-escapes and all. */
    HttpResponse<String> get(String rawPathAndQuery) {
        return send(HttpRequest.newBuilder(uri(rawPathAndQuery)));
    }

    URI uri(String rawPathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + rawPathAndQuery);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The failures among the log lines (WebServer starts them with "error "), which no test expects. */
    List<String> failures() {
        return log.stream().filter(line -> line.startsWith("error ")).toList();
    }

    HttpClient client() {
        return client;
    }

    Path issueFolder() {
        return workspace.root().resolve("newsletters").resolve(ISSUE);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
