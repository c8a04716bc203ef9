package org.newsletter.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.newsletter.config.Workspace;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.mail.Transport;
import org.newsletter.message.PrivateIssueAddress;
import org.newsletter.issue.BrandLook;
import org.newsletter.store.StorePool;

/**
 * What {@code newsletter serve} puts on the web for readers: unsubscribe pages, the subscribe form and
 * its confirmation, the archive of sent issues with their calendar files and feed, click redirects and
 * the counted image, and a health check. Close it after the server to let queued confirmation emails
 * go out and queued clicks be written.
 */
public final class PublicSite implements AutoCloseable {

    private final Workspace workspace;
    private final StorePool stores;
    private final SubscriberTokens tokens;
    private final Transport transport;
    private final Clock clock;
    private ConfirmationMailer mailer;
    private TrackingWriter trackingWriter;
    private java.util.List<BackgroundWork> work = java.util.List.of();

    /** @param transport where confirmation emails go (the workspace's transport; the outbox by default) */
    public PublicSite(Workspace workspace, StorePool stores, SubscriberTokens tokens, Transport transport, Clock clock) {
        this.workspace = workspace;
        this.stores = stores;
        this.tokens = tokens;
        this.transport = transport;
        this.clock = clock;
    }

    /** Background work {@code /healthz} reports on; set before {@link #start}. */
    public PublicSite reporting(java.util.List<BackgroundWork> background) {
        this.work = java.util.List.copyOf(background);
        return this;
    }

    public WebServer start(InetSocketAddress address, WebLimits limits, RequestLog sink) throws IOException {
        if (mailer != null) {
            throw new IllegalStateException("a public site is started once");
        }
        // Every part logs through the mask, so no line shows a whole address or a working token.
        RequestLog log = RequestLog.masking(sink);
        var site = workspace.site();
        ReaderPages pages = new ReaderPages(workspace.templatesDir(), site.organisation(), site.language(), BrandLook.of(workspace));
        ErrorPages errors = new ErrorPages(pages);
        String envelopeFrom = workspace.sending().bounceAddress() == null ? site.sender().address() : workspace.sending().bounceAddress();
        mailer = new ConfirmationMailer(site, pages, transport, envelopeFrom, SubscribePages.CONFIRMATION_VALIDITY, clock, log);
        ArchivePages archive = new ArchivePages(workspace, stores, clock, pages, errors, log, new PrivateIssueAddress(site, tokens));
        ConfirmationLimits mailLimits = new ConfirmationLimits(clock);
        SubscribePages subscribe = new SubscribePages(stores, tokens, pages, errors, mailer, site.baseUrl(), clock, mailLimits, log);
        trackingWriter = new TrackingWriter(stores, log);
        ClickRedirects clicks = new ClickRedirects(stores, tokens, workspace.tracking(), errors, ScannerAgents.bundled(), trackingWriter, clock);
        Routes routes = new Routes()
                .addAll(new UnsubscribePages(stores, tokens, pages, errors).routes())
                .addAll(subscribe.routes())
                .addAll(new PreferencePages(stores, tokens, pages, errors, mailer, subscribe::confirmationUrl, mailLimits, log).routes())
                .addAll(archive.routes())
                .addAll(new BrandFiles(workspace.root().resolve("brand"), errors).routes())
                .addAll(clicks.routes())
                .addAll(new HealthCheck(stores, work).routes());
        WebServer server = WebServer.start(address, routes, limits, SecurityHeaders.PUBLIC, errors, log);
        warmUp(archive, log);
        return server;
    }

    /** Renders the archive in the background while the server already answers. */
    private static void warmUp(ArchivePages archive, RequestLog log) {
        Thread warming = new Thread(() -> {
            try {
                archive.warmUp();
            } catch (RuntimeException e) {
                // The archive renders on demand anyway; say why the warm-up stopped and carry on.
                log.log("archive warm-up stopped: " + e.getMessage());
            }
        }, "archive-warm-up");
        warming.setDaemon(true);
        warming.start();
    }

    /** Waits until the subscribe requests answered so far have been recorded (and their emails handed over). */
    void awaitSubscribeRequests() throws InterruptedException {
        if (mailer != null) {
            mailer.awaitQueued();
        }
    }

    /** Waits until the clicks and image loads answered so far have been written. */
    void awaitTrackedRequests() throws InterruptedException {
        if (trackingWriter != null) {
            trackingWriter.awaitWritten();
        }
    }

    @Override
    public void close() {
        try {
            if (mailer != null) {
                mailer.close();
            }
        } finally {
            if (trackingWriter != null) {
                trackingWriter.close();
            }
        }
    }
}
