package org.newsletter.cli;

import java.util.concurrent.Callable;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.model.Campaign;
import org.newsletter.send.CampaignRun;
import org.newsletter.send.CampaignSender;
import org.newsletter.send.RunReport;
import org.newsletter.send.ScheduledSends;
import org.newsletter.send.SendPlan;
import org.newsletter.send.SendProgress;
import org.newsletter.send.StopRequest;
import org.newsletter.send.WelcomeMails;
import org.newsletter.store.Store;
import picocli.CommandLine.Command;

@Command(name = "run-due", mixinStandardHelpOptions = true,
        description = {"Send the scheduled campaigns that are due, once (for cron).",
                "Also sends waiting welcome mails (lists set --welcome), and goes on with a scheduled campaign a stopped process left unfinished. Safe to run from several places at once:"
                + " each campaign starts once and nobody gets it twice."})
final class RunDueCommand implements Callable<Integer> {

    private final CommandContext context;

    RunDueCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("try") // the watch is open while campaigns run; nothing reads it
    public Integer call() throws InterruptedException {
        Workspace workspace = context.workspace(null);
        IssuePipeline pipeline = new IssuePipeline(workspace, context.clock());
        try (Store store = context.openStoreForSending(workspace)) {
            CampaignSender sender = new CampaignSender(workspace, pipeline::render, store, context.environment(), context.clock());
            Printer printer = new Printer(store);
            StopRequest stop = new StopRequest();
            int ran;
            try (StopSignals.Watch watch = context.signals().watch(stop::stop, stop::stopNow, CampaignRunner.STOPPING,
                    CampaignRun.DRAIN_LIMIT.plusSeconds(15))) {
                ran = new ScheduledSends(workspace, sender, store, context.clock()).runDue(printer, SendProgress.NONE, stop);
                ran += new WelcomeMails(sender, store).runDue(printer, SendProgress.NONE, stop);
            }
            if (ran == 0 && printer.exitCode == ExitCodes.OK) {
                var next = store.schedules().pending().stream().findFirst();
                context.out().println("Nothing is due." + next.map(s -> " Next: " + s.id() + " (" + s.issue() + " to " + s.listSlug() + ") at "
                        + ScheduleTime.show(s.sendAt(), workspace.site().timeZone()) + ".").orElse(""));
            }
            return printer.exitCode;
        }
    }

    /** Prints what run-due does, one campaign after another, and remembers whether anything went wrong. */
    private final class Printer implements ScheduledSends.Listener {
        private final Store store;
        int exitCode = ExitCodes.OK;

        Printer(Store store) {
            this.store = store;
        }

        @Override
        public void sending(Campaign campaign, SendPlan plan, boolean resumed) {
            context.out().println((resumed ? "Going on with campaign " : "Started campaign ") + campaign.id() + ": " + campaign.issue() + " to "
                    + campaign.listSlug() + (campaign.segment().isEmpty() ? "" : " [" + campaign.segment() + "]") + ", audience fixed at "
                    + CampaignReport.number(campaign.audience()));
            context.out().flush();
        }

        @Override
        public void finished(Campaign campaign, RunReport report) {
            int code = new CampaignReport(context.out(), context.err()).finished(campaign, report, store, "newsletter run-due");
            exitCode = Math.max(exitCode, code);
        }

        @Override
        public void failed(String what, String problem) {
            context.err().println("newsletter: " + what + " not sent: " + problem);
            exitCode = ExitCodes.FAILED;
        }
    }
}
