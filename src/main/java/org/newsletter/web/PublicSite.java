package org.newsletter.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.newsletter.config.Workspace;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.store.StorePool;

/**
 * What {@code newsletter serve} puts on the web for readers: unsubscribe pages, the subscribe form and
 * its confirmation, the archive of sent issues with their calendar files and feed, and a health check.
 */
public final class PublicSite {

    private final Workspace workspace;
    private final StorePool stores;
    private final SubscriberTokens tokens;
    private final Clock clock;

    public PublicSite(Workspace workspace, StorePool stores, SubscriberTokens tokens, Clock clock) {
        this.workspace = workspace;
        this.stores = stores;
        this.tokens = tokens;
        this.clock = clock;
    }

    public WebServer start(InetSocketAddress address, WebLimits limits, RequestLog log) throws IOException {
        PageLayout layout = new PageLayout(workspace.site().organisation(), workspace.site().language());
        ErrorPages errors = new ErrorPages(layout);
        Routes routes = new Routes()
                .addAll(new ArchivePages(workspace, stores, clock, layout, errors, log).routes())
                .addAll(new HealthCheck(stores).routes());
        return WebServer.start(address, routes, limits, SecurityHeaders.PUBLIC, errors, log);
    }
}
