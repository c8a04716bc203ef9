package org.newsletter.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.newsletter.config.Workspace;
import org.newsletter.doctor.Rejections;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.message.PrivateIssueAddress;
import org.newsletter.model.Campaign;
import org.newsletter.model.CampaignCounts;
import org.newsletter.model.DeliveryState;
import org.newsletter.model.MailingList;
import org.newsletter.model.ScheduledCampaign;
import org.newsletter.model.UserInputException;
import org.newsletter.send.CampaignSender;
import org.newsletter.send.SendPlan;
import org.newsletter.store.CampaignRepository;
import org.newsletter.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "campaigns", mixinStandardHelpOptions = true,
        description = "List campaigns and scheduled sends, and what became of each.",
        subcommands = {CampaignsCommand.Show.class, CampaignsCommand.Retry.class, CampaignsCommand.Cancel.class, CampaignsCommand.Reschedule.class,
            CampaignReportCommand.class, CampaignCompareCommand.class})
final class CampaignsCommand implements Callable<Integer> {

    private final CommandContext context;

    CampaignsCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Workspace workspace = context.workspace(null);
        try (Store store = context.openStore(workspace)) {
            List<Campaign> campaigns = store.campaigns().all();
            List<ScheduledCampaign> scheduled = store.schedules().notStarted();
            if (campaigns.isEmpty() && scheduled.isEmpty()) {
                context.out().println("No campaigns yet. Send an issue: newsletter send ISSUE --list LIST");
                return ExitCodes.OK;
            }
            if (!scheduled.isEmpty()) {
                listScheduled(scheduled, workspace.site().timeZone());
                if (campaigns.isEmpty()) {
                    return ExitCodes.OK;
                }
                context.out().println();
            }
            Map<Long, CampaignCounts> counts = store.campaigns().allCounts();
            // The state columns add up to the audience: REMOVED counts people removed or erased since, whose rows went with them.
            context.out().printf("%5s  %-28s %-12s %-9s %9s %9s %7s %7s %7s %7s  %s%n", "ID", "ISSUE", "LIST", "STATUS", "AUDIENCE", "ACCEPTED", "FAILED",
                    "SKIPPED", "QUEUED", "REMOVED", "STARTED");
            for (Campaign campaign : campaigns) {
                CampaignCounts c = counts.getOrDefault(campaign.id(), new CampaignCounts(Map.of()));
                context.out().printf("%5d  %-28s %-12s %-9s %9d %9d %7d %7d %7d %7d  %s%n", campaign.id(),
                        campaign.issue() + (campaign.segment().isEmpty() ? "" : " [" + campaign.segment() + "]"), campaign.listSlug(),
                        campaign.finished() ? "finished" : "sending", campaign.audience(), c.get(DeliveryState.ACCEPTED),
                        c.get(DeliveryState.FAILED_PERMANENT) + c.get(DeliveryState.FAILED_TEMPORARY), c.get(DeliveryState.SKIPPED), c.remaining(),
                        c.removedFrom(campaign.audience()), campaign.createdAt());
            }
        }
        return ExitCodes.OK;
    }

    /** Scheduled campaigns not yet started (and those cancelled or failed), with their time; their ids are their own. */
    private void listScheduled(List<ScheduledCampaign> scheduled, java.time.ZoneId zone) {
        context.out().println("Scheduled (cancel ID / reschedule ID --at TIME take these ids):");
        context.out().printf("%5s  %-28s %-12s %-10s %s%n", "ID", "ISSUE", "LIST", "STATUS", "SENDS AT");
        for (ScheduledCampaign s : scheduled) {
            context.out().printf("%5d  %-28s %-12s %-10s %s%s%n", s.id(), s.issue() + (s.segment().isEmpty() ? "" : " [" + s.segment() + "]"),
                    s.listSlug(), s.status(), ScheduleTime.show(s.sendAt(), zone), s.problem().isEmpty() ? "" : ": " + s.problem());
        }
    }

    static ScheduledCampaign requireScheduled(Store store, long id) {
        return store.schedules().find(id).orElseThrow(() -> new UserInputException("no scheduled campaign " + id
                + "; 'newsletter campaigns' lists them"));
    }

    /** Why a scheduled campaign cannot be changed any more. */
    static String notPending(ScheduledCampaign s) {
        return "scheduled campaign " + s.id() + " is " + s.status() + (s.campaignId() == null ? "" : " as campaign " + s.campaignId())
                + "; only one still waiting can be changed";
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a scheduled campaign that has not started.")
    static final class Cancel implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "ID", description = "The scheduled campaign's number, as 'newsletter campaigns' lists it.")
        long id;

        Cancel(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                ScheduledCampaign s = requireScheduled(store, id);
                if (!store.schedules().cancel(id)) {
                    throw new UserInputException(notPending(store.schedules().find(id).orElse(s)));
                }
                context.out().println("Cancelled scheduled campaign " + id + " (" + s.issue() + " to " + s.listSlug() + "): nothing was sent.");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "reschedule", mixinStandardHelpOptions = true, description = "Move a scheduled campaign that has not started to another time.")
    static final class Reschedule implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "ID", description = "The scheduled campaign's number, as 'newsletter campaigns' lists it.")
        long id;

        @Option(names = "--at", required = true, paramLabel = "TIME",
                description = "\"2024-09-10 10:00\" in the workspace's time zone, or ISO 8601 with an offset.")
        String at;

        Reschedule(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Workspace workspace = context.workspace(null);
            java.time.ZoneId zone = workspace.site().timeZone();
            java.time.Instant when = ScheduleTime.parse(at, zone);
            if (!when.isAfter(context.clock().instant())) {
                throw new UserInputException("--at: " + ScheduleTime.show(when, zone) + " is not in the future");
            }
            try (Store store = context.openStore(workspace)) {
                ScheduledCampaign s = requireScheduled(store, id);
                if (!store.schedules().reschedule(id, when)) {
                    throw new UserInputException(notPending(store.schedules().find(id).orElse(s)));
                }
                context.out().println("Scheduled campaign " + id + " (" + s.issue() + " to " + s.listSlug() + ") now sends at "
                        + ScheduleTime.show(when, zone) + ".");
            }
            return ExitCodes.OK;
        }
    }

    static Campaign require(Store store, long id) {
        return store.campaigns().find(id).orElseThrow(() -> new UserInputException("no campaign " + id + "; 'newsletter campaigns' lists them"));
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {"Show how a campaign's messages stand, and its errors.", "Errors are grouped by the server's reply."})
    static final class Show implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "ID", description = "The campaign's number, as 'newsletter campaigns' lists it.")
        long id;

        Show(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Workspace workspace = context.workspace(null);
            try (Store store = context.openStore(workspace)) {
                Campaign campaign = require(store, id);
                CampaignCounts counts = store.campaigns().counts(id);
                var out = context.out();
                out.println("Campaign " + campaign.id() + ": " + campaign.issue() + " to " + campaign.listSlug()
                        + (campaign.segment().isEmpty() ? "" : " [" + campaign.segment() + "]"));
                out.println("Subject:  " + campaign.subject());
                out.println("Started:  " + campaign.createdAt() + " via " + campaign.transport());
                out.println("Status:   " + (campaign.finished() ? "finished " + campaign.finishedAt() : "sending (run the same send again to resume)"));
                webAddress(workspace, store, campaign).ifPresent(web -> out.println("Web:      " + web));
                out.println("Audience: " + campaign.audience());
                for (DeliveryState state : DeliveryState.values()) {
                    out.printf("  %-17s %9d%n", state.word(), counts.get(state));
                }
                // The journal rows of people removed or erased since went with them; counted here so the lines add up to the audience.
                out.printf("  %-17s %9d%n", CampaignReport.REMOVED, counts.removedFrom(campaign.audience()));
                var outcome = store.outcomes().of(campaign);
                OutcomePrinter printer = new OutcomePrinter(out);
                printer.print(outcome);
                printer.print(store.tracking().engagement(id, workspace.tracking().opens()), outcome.accepted());
                List<CampaignRepository.ReplyGroup> errors = store.campaigns().errors(id);
                if (!errors.isEmpty()) {
                    out.println("Not delivered, by reply:");
                    for (CampaignRepository.ReplyGroup group : errors) {
                        out.printf("  %7d  %-17s %s%n", group.count(), group.state().word(), group.reply());
                        Rejections.explain(group.reply()).ifPresent(meaning -> out.printf("  %7s  %-17s ↳ %s%n", "", "", meaning));
                    }
                }
                List<org.newsletter.store.BounceRepository.JournalGroup> bounces = store.bounces().campaign(id);
                if (!bounces.isEmpty()) {
                    out.println("Came back after delivery (newsletter bounces fetch):");
                    bounces.forEach(group -> out.printf("  %7d  %s%n", group.count(), group.bounce()));
                }
            }
            return ExitCodes.OK;
        }

        /**
         * The web version its emails link to: the archive's address, or for a private list the keyed one,
         * which staff can share again with someone who lost the email. None for a welcome mail, which the
         * archive does not serve.
         */
        private java.util.Optional<String> webAddress(Workspace workspace, Store store, Campaign campaign) {
            boolean archived = store.campaigns().sentIssues().stream().anyMatch(sent -> sent.issue().equals(campaign.issue()));
            java.util.Optional<MailingList> list = store.lists().find(campaign.listSlug());
            if (!archived || list.isEmpty()) {
                return java.util.Optional.empty();
            }
            if (list.get().isPublic()) {
                return java.util.Optional.of(workspace.site().issueUrl(campaign.issue()).toString());
            }
            SubscriberTokens tokens = new SubscriberTokens(store.settings().tokenSecret(context.environment()));
            return java.util.Optional.of(new PrivateIssueAddress(workspace.site(), tokens).of(campaign.issue())
                    + "  (private list: only this address opens it)");
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, description = "Send again to the recipients that failed temporarily.")
    static final class Retry implements Callable<Integer> {
        private final CommandContext context;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The campaign's number, as 'newsletter campaigns' lists it.")
        long id;

        @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
        boolean yes;

        @Option(names = "--allow-changed", description = "Retry even though the issue changed since the campaign began.")
        boolean allowChanged;

        Retry(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            Workspace workspace = context.workspace(null);
            IssuePipeline pipeline = new IssuePipeline(workspace, context.clock());
            try (Store store = context.openStoreForSending(workspace)) {
                Campaign campaign = require(store, id);
                CampaignSender sender = new CampaignSender(workspace, pipeline::render, store, context.environment(), context.clock());
                SendPlan plan = sender.plan(campaign, allowChanged);
                CampaignCounts counts = store.campaigns().counts(id);
                long failed = counts.get(DeliveryState.FAILED_TEMPORARY);
                // A retry stopped part-way (Ctrl-C) leaves its re-queued messages queued, not failed: running it again sends those.
                // Stopped at once (a second Ctrl-C, kill -9), it also leaves the messages then with the server "sending": in
                // doubt, they go again with the same Message-ID.
                long stillQueued = counts.get(DeliveryState.QUEUED);
                long inFlight = counts.get(DeliveryState.SENDING);
                if (failed == 0 && stillQueued == 0 && inFlight == 0) {
                    context.out().println("Campaign " + id + " has nothing to retry.");
                    return ExitCodes.OK;
                }
                String queuedToo = leftByAStoppedRun(stillQueued, inFlight);
                if (!Confirmation.confirmed(context, yes, "retry", "Retry " + failed + " temporarily failed messages of campaign " + id + queuedToo + "?")) {
                    context.out().println("Not sent.");
                    return ExitCodes.FAILED;
                }
                int requeued = store.campaigns().retry(id);
                context.out().println("Retrying " + requeued + " of campaign " + id + queuedToo + " through " + plan.transport());
                return new CampaignRunner(context).run(sender, store.campaigns().find(id).orElseThrow(), plan, store, spec);
            }
        }

        private static String leftByAStoppedRun(long queued, long inFlight) {
            if (queued == 0 && inFlight == 0) {
                return "";
            }
            String what = queued == 0 ? inFlight + " in flight"
                    : inFlight == 0 ? queued + " still queued" : queued + " still queued and " + inFlight + " in flight";
            return " and the " + what + " from a run that stopped";
        }
    }
}
