package org.newsletter.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.newsletter.config.Workspace;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.mail.Transport;
import org.newsletter.send.Transports;
import org.newsletter.model.UserInputException;
import org.newsletter.store.StorePool;
import org.newsletter.web.PublicSite;
import org.newsletter.web.WebLimits;
import org.newsletter.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the pages readers reach through the base URL.",
                "Unsubscribe pages, the subscribe form, the archive of sent issues with calendar files and an Atom feed, and /healthz."
                + " Put it behind a reverse proxy for TLS. Stops with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {

    private final CommandContext context;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "Requests served at once, each with its own database connection (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--connections-per-client", paramLabel = "N", defaultValue = "" + WebLimits.DEFAULT_CONNECTIONS_PER_CLIENT,
            description = "Connections one client address (an IPv6 client's /64) may hold open at once; more are closed."
                    + " Connections from this machine (a reverse proxy) are not counted. 0: no limit (default: ${DEFAULT-VALUE}).")
    int connectionsPerClient;

    ServeCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("try") // the signal watch is open while serving; nothing reads it
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port must be between 0 and 65535, not " + port);
        }
        if (threads < 1 || threads > 256) {
            throw new UserInputException("--threads must be between 1 and 256, not " + threads);
        }
        if (connectionsPerClient < 0 || connectionsPerClient > 10_000) {
            throw new UserInputException("--connections-per-client must be between 0 (no limit) and 10000, not " + connectionsPerClient);
        }
        Workspace workspace = context.workspace(null);
        CountDownLatch stopped = new CountDownLatch(1);
        // One store beyond the request threads: the click writer's batches never hold a request's connection.
        try (StorePool stores = context.openStorePool(workspace, threads + 1)) {
            SubscriberTokens tokens = new SubscriberTokens(stores.with(store -> store.settings().tokenSecret(context.environment())));
            Transport confirmations = new Transports(workspace.sending(), context.environment(), workspace.outboxDir()).create("confirmations");
            WebLimits limits = new WebLimits(threads, WebLimits.DEFAULT.queue(), WebLimits.DEFAULT.bodyBytes())
                    .withConnectionsPerClient(connectionsPerClient, false);
            ServeWork work = new ServeWork(context, workspace);
            try (PublicSite site = new PublicSite(workspace, stores, tokens, confirmations, context.clock()).reporting(work.reports());
                    WebServer server = start(site, limits);
                    StopSignals.Watch watch = context.signals().watch(stopped::countDown, () -> {
                        work.stopNow();
                        stopped.countDown();
                    }, STOPPING, org.newsletter.send.CampaignRun.DRAIN_LIMIT.plusSeconds(15))) {
                work.start();
                context.out().println("Serving " + workspace.site().organisation() + " at " + server.origin() + "/ (readers reach it as "
                        + workspace.site().baseUrl() + " through your proxy). Also sending scheduled campaigns and retries"
                        + (workspace.bounces() != null && workspace.bounces().watch() ? ", and watching the bounce mailbox" : "") + ". Ctrl-C stops.");
                context.out().flush();
                Thread hook = new Thread(stopped::countDown, "serve-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    stopped.await();
                } finally {
                    removeShutdownHook(hook);
                    boolean ended = work.stopAndWait();
                    context.out().println(ended ? "Stopped: what was in flight is recorded; the next serve or run-due goes on with any campaign left."
                            : "Stopped waiting for the background work; messages still with the server are sent again, with the same Message-ID,"
                                    + " by the next serve or run-due.");
                    context.out().flush();
                }
            }
        }
        return ExitCodes.OK;
    }

    static final String STOPPING = "stopping: no new pages or campaigns; messages already with the server finish and are recorded (up to "
            + org.newsletter.send.CampaignRun.DRAIN_LIMIT.toSeconds() + " s); press Ctrl-C again to stop at once";

    /** Once serve has stopped the hook has nothing to do; left in place, every serve run in one JVM (tests) would add one. */
    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (which is how this serve may have been stopped): the hook has run or is running.
        }
    }

    private WebServer start(PublicSite site, WebLimits limits) {
        InetSocketAddress address = new InetSocketAddress(bind, port);
        if (address.isUnresolved()) {
            throw new UserInputException("--bind: cannot resolve '" + bind + "'");
        }
        try {
            return site.start(address, limits, line -> {
                context.err().println(line);
                context.err().flush();
            });
        } catch (IOException e) {
            throw new UserInputException("cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + "; choose another --port or stop what is using it");
        }
    }
}
