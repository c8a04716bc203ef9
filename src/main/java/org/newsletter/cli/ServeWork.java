package org.newsletter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.newsletter.bounce.BounceFetcher;
import org.newsletter.config.BounceSettings;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.model.Campaign;
import org.newsletter.send.AutomaticRetries;
import org.newsletter.send.CampaignRun;
import org.newsletter.send.CampaignSender;
import org.newsletter.send.RunReport;
import org.newsletter.send.ScheduledSends;
import org.newsletter.send.SendPlan;
import org.newsletter.send.SendProgress;
import org.newsletter.send.StopRequest;
import org.newsletter.send.WelcomeMails;
import org.newsletter.store.Store;
import org.newsletter.web.BackgroundWork;

/**
 * What {@code serve} runs beside its pages, each on its own thread: due scheduled campaigns, automatic
 * retries of temporary failures, and, with {@code bounces: {watch: true}}, the bounce mailbox. Stopping
 * asks campaigns to stop cleanly (messages with the server finish and are recorded) and waits for that.
 */
final class ServeWork {

    /** How often serve looks for due scheduled campaigns: a campaign goes out within this of its time. */
    static final Duration SCHEDULER_INTERVAL = Duration.ofSeconds(2);
    static final Duration RETRY_INTERVAL = Duration.ofMinutes(1);

    private final CommandContext context;
    private final Workspace workspace;
    private final StopRequest stop = new StopRequest();
    private final List<BackgroundWorker> workers = new ArrayList<>();
    private final BounceWatch bounces;

    ServeWork(CommandContext context, Workspace workspace) {
        this.context = context;
        this.workspace = workspace;
        workers.add(new BackgroundWorker("scheduler", SCHEDULER_INTERVAL, () -> withSender((sender, store) ->
                new ScheduledSends(workspace, sender, store, context.clock()).runDue(new Log("scheduler"), SendProgress.NONE, stop)),
                context.err(), context.clock()));
        workers.add(new BackgroundWorker("retries", RETRY_INTERVAL, () -> withSender((sender, store) ->
                new AutomaticRetries(sender, store, context.clock()).runDue(new Log("retries"), SendProgress.NONE, stop)),
                context.err(), context.clock()));
        workers.add(new BackgroundWorker("welcome", SCHEDULER_INTERVAL, () -> withSender((sender, store) ->
                new WelcomeMails(sender, store).runDue(new Log("welcome"), SendProgress.NONE, stop)),
                context.err(), context.clock()));
        BounceSettings settings = workspace.bounces();
        this.bounces = settings != null && settings.watch() ? new BounceWatch(settings) : null;
    }

    /** For /healthz. */
    List<BackgroundWork> reports() {
        List<BackgroundWork> reports = new ArrayList<>(workers);
        if (bounces != null) {
            reports.add(bounces);
        }
        return reports;
    }

    /** Starts the threads; the bounce watch only when newsletter.yaml asks for it. */
    ServeWork start() {
        if (bounces != null) {
            bounces.start();
        }
        workers.forEach(BackgroundWorker::start);
        return this;
    }

    /** First step of a stop: no new work, running campaigns stop cleanly. */
    void stop() {
        stop.stop();
        workers.forEach(BackgroundWorker::stop);
        if (bounces != null) {
            bounces.stop();
        }
    }

    /** Stops at once: messages still with the server stay 'sending', as after a crash. */
    void stopNow() {
        stop.stopNow();
        stop();
    }

    /** Stops and waits, bounded, for what is in flight to finish and be recorded; returns whether everything ended. */
    boolean stopAndWait() throws InterruptedException {
        stop();
        long deadline = System.nanoTime() + CampaignRun.DRAIN_LIMIT.plusSeconds(10).toNanos();
        boolean all = true;
        for (BackgroundWorker worker : workers) {
            all &= worker.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        return all;
    }

    @FunctionalInterface
    private interface SenderJob {
        void run(CampaignSender sender, Store store) throws InterruptedException;
    }

    /** A fresh store and sender for each pass, so one broken connection does not outlive its pass. */
    private void withSender(SenderJob job) throws InterruptedException {
        if (stop.requested()) {
            return;
        }
        IssuePipeline pipeline = new IssuePipeline(workspace, context.clock());
        try (Store store = context.openStoreForSending(workspace)) {
            job.run(new CampaignSender(workspace, pipeline::render, store, context.environment(), context.clock()), store);
        }
    }

    /** Prints what a job does with campaigns, each line named after the job. */
    private final class Log implements ScheduledSends.Listener {
        private final String job;

        Log(String job) {
            this.job = job;
        }

        @Override
        public void sending(Campaign campaign, SendPlan plan, boolean resumed) {
            say(context.out(), (resumed ? "going on with campaign " : "started campaign ") + campaign.id() + ": " + campaign.issue() + " to "
                    + campaign.listSlug() + ", audience fixed at " + CampaignReport.number(campaign.audience()));
        }

        @Override
        public void finished(Campaign campaign, RunReport report) {
            try (Store store = context.openStore(workspace)) {
                var counts = store.campaigns().counts(campaign.id());
                say(context.out(), "campaign " + campaign.id() + ": " + CampaignReport.states(counts, campaign.audience())
                        + (report.stopRequested() ? " (stopped; serve or run-due goes on with it)" : "")
                        + (report.stoppedBecause() != null ? " (stopped: " + report.stoppedBecause() + ")" : ""));
            }
        }

        @Override
        public void failed(String what, String problem) {
            say(context.err(), "newsletter: serve: " + job + ": " + what + " not sent: " + problem);
        }

        private void say(PrintWriter where, String line) {
            synchronized (where) {
                where.println(line.startsWith("newsletter:") ? line : job + ": " + line);
                where.flush();
            }
        }
    }

    /** The bounce mailbox watch ({@code bounces fetch --watch}) on its own thread, its last problem on /healthz. */
    private final class BounceWatch implements BackgroundWork {
        private final BounceSettings settings;
        private final Thread thread;
        private volatile BounceFetcher fetcher;
        private volatile Health health = new Health(true, "starting");
        /**
         * Reports processed since serve started, written by the watch's thread only. A pass that finds nothing (as the one
         * IDLE starts after the mailbox changed) would otherwise hide on /healthz what the pass before it did.
         */
        private long processed;

        BounceWatch(BounceSettings settings) {
            this.settings = settings;
            this.thread = new Thread(this::watch, "serve-bounces");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            BounceFetcher running = fetcher;
            if (running != null) {
                running.stop();
            }
            thread.interrupt();
        }

        @Override
        public String name() {
            return "bounces";
        }

        @Override
        public Health health() {
            return health;
        }

        private void watch() {
            try (Store store = context.openStore(workspace)) {
                fetcher = new BounceFetcher(settings, context.environment(), store, context.clock());
                health = new Health(true, "watching " + settings.folder() + " of " + settings.mailbox());
                fetcher.watch(pass -> {
                    processed += pass.processed().size();
                    health = new Health(true, "last pass " + Times.format(context.clock().instant()) + ", " + pass.processed().size()
                            + " processed (" + processed + " since serve started)");
                }, new ProblemLine());
            } catch (RuntimeException e) {
                // One that needs a person (a wrong password): reported, and the watch ends; the rest of serve goes on.
                health = new Health(false, "stopped: " + e.getMessage());
                synchronized (context.err()) {
                    context.err().println("newsletter: serve: bounces: " + e.getMessage() + "; the bounce watch has stopped");
                    context.err().flush();
                }
            }
        }

        /** Passes the watch's problem lines on to standard error, and keeps the last one for /healthz. */
        private final class ProblemLine extends PrintWriter {
            ProblemLine() {
                super(new StringWriter());
            }

            @Override
            public void println(String line) {
                health = new Health(false, line.replaceFirst("^newsletter: warning: ", ""));
                synchronized (context.err()) {
                    context.err().println(line.replaceFirst("^newsletter: ", "newsletter: serve: bounces: "));
                    context.err().flush();
                }
            }
        }
    }
}
