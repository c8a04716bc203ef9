package org.newsletter.web.preview;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.newsletter.config.Workspace;
import org.newsletter.store.Store;
import org.newsletter.web.ErrorPages;
import org.newsletter.web.ReaderPages;
import org.newsletter.web.RequestLog;
import org.newsletter.web.Routes;
import org.newsletter.web.SecurityHeaders;
import org.newsletter.web.WebLimits;
import org.newsletter.web.WebServer;

/**
 * {@code newsletter preview}: a page on this computer only (loopback) for the person writing an issue,
 * showing the email as it would arrive (desktop or phone width, light or dark, for a chosen reader),
 * its text part, headers, check findings and web version, the outbox, the campaigns with their reports, and updating by itself when a
 * file of the issue is saved.
 */
public final class PreviewServer implements AutoCloseable {

    /**
     * The page loads its one script and makes its one connection (live reload) from here; it frames
     * its own documents and only it may frame them. Inline styles are fine, inline scripts and eval are not.
     */
    static final SecurityHeaders HEADERS = new SecurityHeaders(
            "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' https: http: data:; "
                    + "style-src 'self' 'unsafe-inline'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
            "SAMEORIGIN");

    /** Threads for one person's page: each open tab's live-reload stream holds one, the rest serve its requests. */
    static final WebLimits LIMITS = new WebLimits(16, 64, 16 * 1024);
    /** Live-reload streams at once: leaves half the threads for requests whatever the number of tabs. */
    static final int MAX_STREAMS = LIMITS.threads() / 2;

    private final WebServer server;
    private final ChangeCount changes;
    private final IssueWatcher watcher;
    private final SubscriberDirectory directory;

    private PreviewServer(WebServer server, ChangeCount changes, IssueWatcher watcher, SubscriberDirectory directory) {
        this.server = server;
        this.changes = changes;
        this.watcher = watcher;
        this.directory = directory;
    }

    /**
     * Watches the issue and starts serving its preview.
     *
     * @param address   where to listen: a loopback address only (port 0 picks a free one)
     * @param openStore opens the subscriber store for "render as", when first asked
     * @throws IllegalArgumentException when {@code address} is not a loopback address
     * @throws IOException              when the address cannot be bound or the files cannot be watched
     */
    public static PreviewServer start(Workspace workspace, Path issueFolder, InetSocketAddress address,
            Function<Workspace, Store> openStore, Map<String, String> environment, Clock clock, RequestLog log) throws IOException {
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            // Drafts, subscribers' names and signed links are for the writer's eyes: never on a network.
            throw new IllegalArgumentException("the preview listens on this computer only (127.0.0.1), not on " + address);
        }
        Path folder = issueFolder.toAbsolutePath().normalize();
        ChangeCount changes = new ChangeCount();
        IssueSnapshots snapshots = new IssueSnapshots(workspace.root(), folder, clock, changes);
        SubscriberDirectory directory = new SubscriberDirectory(openStore);
        ErrorPages errors = new ErrorPages(ReaderPages.standard("Preview", java.util.Locale.ENGLISH));
        Routes routes = new Routes()
                .addAll(new PreviewPage(folder.getFileName().toString()).routes())
                .addAll(new IssueTabs(snapshots, new Readers(directory, environment), clock).routes())
                .addAll(new IssueFiles(snapshots, errors).routes())
                .addAll(new OutboxTab(new OutboxFolder(workspace.outboxDir()), snapshots, errors).routes())
                .addAll(new CampaignsTab(workspace, snapshots, directory, environment, clock, errors).routes())
                .addAll(new LiveReload(changes, MAX_STREAMS).routes());
        IssueWatcher watcher = IssueWatcher.start(workspace.root(), folder, workspace.templatesDir(), changes);
        try {
            return new PreviewServer(WebServer.start(address, routes, LIMITS, HEADERS, errors, log), changes, watcher, directory);
        } catch (IOException | RuntimeException e) {
            watcher.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT/}: the page to open. */
    public URI url() {
        return server.origin().resolve("/");
    }

    public int port() {
        return server.port();
    }

    /** Ends the live-reload streams, stops serving and watching, and closes the store if it was opened. */
    @Override
    public void close() throws IOException {
        changes.close();
        try {
            server.close();
        } finally {
            try {
                watcher.close();
            } finally {
                directory.close();
            }
        }
    }
}
