package org.newsletter.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newsletter.config.SendingSettings;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssueCheck;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.model.Campaign;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.ScheduledCampaign;
import org.newsletter.model.Severity;
import org.newsletter.model.TerminalText;
import org.newsletter.model.UserInputException;
import org.newsletter.send.CampaignSender;
import org.newsletter.send.ScheduledSends;
import org.newsletter.send.SendPlan;
import org.newsletter.send.TestSend;
import org.newsletter.store.Store;
import org.newsletter.store.csv.CsvExportWriter;
import org.newsletter.store.csv.ExportRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send an issue to a list, or resume a send.",
                "Checks the issue, shows what will happen and asks to confirm; without a terminal it refuses unless --yes."
                + " Running the same send again resumes it: everyone not yet sent to gets it, nobody twice."})
final class SendCommand implements Callable<Integer> {

    private final CommandContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    IssueParameter issue;

    @Option(names = "--list", required = true, paramLabel = "LIST", description = "The list to send to.")
    String list;

    @Option(names = "--segment", paramLabel = "EXPR", description = "Only the subscribers matching this, e.g. 'tag:cuppa and not attr.city=Leeds'.")
    String segment;

    @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    @Option(names = "--dry-run", description = {"Do everything but deliver: report who would get it and through what.",
            "Lists the recipients: one page on a terminal, everyone otherwise, or everyone as CSV with --format csv."})
    boolean dryRun;

    /** How a dry run lists the recipients. */
    enum Format { table, csv }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "With --dry-run: table (default) or csv (every recipient in the export format on standard output, the summary on standard error).")
    Format format;


    @Option(names = "--test-to", arity = "1..*", paramLabel = "ADDR", description = "Send only to these addresses, with [TEST] in the subject; no campaign is recorded.")
    List<EmailAddress> testTo;

    @Option(names = "--rate", paramLabel = "N/s|N/h", description = "At most this many messages per second or hour (overrides newsletter.yaml).")
    String rate;

    @Option(names = "--at", paramLabel = "TIME", description = {"Schedule it instead of sending now: \"2024-09-10 10:00\" in the workspace's time zone,"
            + " or ISO 8601 with an offset. 'newsletter run-due' (cron) or a running 'newsletter serve' sends it then.",
            "The audience is fixed when it starts sending."})
    String at;

    @Option(names = "--allow-changed", description = "Resume a campaign even though the issue changed since it began.")
    boolean allowChanged;

    @Option(names = "--force", description = "Send even though the From domain is not aligned with the DKIM or envelope domain,"
            + " which Gmail, Yahoo and Outlook.com reject or mark as spam (newsletter doctor explains).")
    boolean force;

    SendCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        if (format != null && !dryRun) {
            throw new ParameterException(spec.commandLine(), "--format only applies with --dry-run, which lists the recipients");
        }
        IssueParameter.Resolved resolved = issue.resolve(context);
        Workspace workspace = resolved.workspace();
        IssuePipeline pipeline = new IssuePipeline(workspace, context.clock());
        if (!checked(pipeline, resolved.folder())) {
            return ExitCodes.FAILED;
        }
        SendingChecks sending = new SendingChecks(context, workspace);
        Optional<Diagnostic> alignment = CheckCommand.alignment(workspace);
        alignment.ifPresent(context::print);
        boolean misaligned = alignment.filter(Diagnostic::isError).isPresent();
        if (misaligned && !force && !dryRun && testTo == null) {
            context.err().println("newsletter: not sent: receivers would reject or mark as spam mail whose From domain is not aligned"
                    + " (DMARC); fix newsletter.yaml, or send anyway with --force");
            return ExitCodes.FAILED;
        }
        if (at != null && (testTo != null || rate != null || allowChanged)) {
            throw new ParameterException(spec.commandLine(), "--at schedules a campaign; it does not go with --test-to, --rate or --allow-changed");
        }
        java.time.Instant sendAt = at == null ? null : ScheduleTime.parse(at, workspace.site().timeZone());
        SendingSettings.Rate rateOverride = parseRate();
        try (Store store = context.openStoreForSending(workspace)) {
            CampaignSender sender = new CampaignSender(workspace, pipeline::render, store, context.environment(), context.clock());
            SendPlan plan = sender.plan(resolved.folder(), list, segment, rateOverride, allowChanged);
            if (testTo != null) {
                return testSend(sender, plan);
            }
            // With the recipients as CSV on standard output, everything else goes to standard error.
            java.io.PrintWriter talk = format == Format.csv ? context.err() : context.out();
            CampaignReport reports = new CampaignReport(talk, context.err());
            reports.summary(plan, store);
            if (sending.identity().relay() != null) {
                // Through a real relay: doctor's verdict in one line (the outbox reaches nobody, so it is not asked).
                talk.println(sending.summary(resolved.folder()));
            }
            if (dryRun && misaligned) {
                talk.println("A real send would refuse: the From domain is not aligned (see above); --force sends anyway.");
            }
            if (sendAt != null) {
                return schedule(new ScheduledSends(workspace, sender, store, context.clock()), plan, sendAt, workspace.site().timeZone(), talk);
            }
            if (plan.resumes() && plan.existing().finished()) {
                talk.println("Campaign " + plan.existing().id() + " is finished: nothing left to send. See 'newsletter campaigns show "
                        + plan.existing().id() + "'.");
                return ExitCodes.OK;
            }
            if (dryRun) {
                listRecipients(sender, plan);
                talk.println("Dry run: nothing was sent and no campaign was recorded.");
                return ExitCodes.OK;
            }
            if (!confirmed(plan)) {
                context.out().println("Not sent.");
                return ExitCodes.FAILED;
            }
            Campaign campaign = sender.start(plan);
            return new CampaignRunner(context).run(sender, campaign, plan, store, spec);
        }
    }

    /** {@code --at}: the same summary and question as a send, and a scheduled campaign instead of a sent one. */
    private int schedule(ScheduledSends schedules, SendPlan plan, java.time.Instant sendAt, java.time.ZoneId zone, java.io.PrintWriter talk) {
        if (plan.resumes()) {
            throw new UserInputException("campaign " + plan.existing().id() + " of " + plan.issueSlug() + " to " + plan.list().slug()
                    + " already began; run the send without --at to resume it");
        }
        talk.println("Sends at:   " + ScheduleTime.show(sendAt, zone));
        talk.println("            The audience is fixed when it starts sending: who is subscribed then gets it, not the "
                + CampaignReport.number(plan.audience().subscribed()) + " counted now.");
        if (dryRun) {
            talk.println("Dry run: nothing was scheduled.");
            return ExitCodes.OK;
        }
        if (!Confirmation.confirmed(context, yes, "schedule", "Send it at " + ScheduleTime.show(sendAt, zone) + "?")) {
            context.out().println("Not scheduled.");
            return ExitCodes.FAILED;
        }
        ScheduledCampaign scheduled = schedules.schedule(plan, sendAt, context.user());
        talk.println("Scheduled as " + scheduled.id() + " for " + ScheduleTime.show(sendAt, zone) + ". 'newsletter run-due' (from cron) or a running"
                + " 'newsletter serve' sends it then; 'newsletter campaigns' lists it, 'newsletter campaigns cancel " + scheduled.id() + "' cancels it.");
        return ExitCodes.OK;
    }

    /** Rows of recipients a dry run shows on a terminal before saying how to see them all. */
    static final int PAGE = 20;

    /**
     * Who would get it: as CSV (the export format, everyone), or as a table: one page on a terminal,
     * with how many more there are, and everyone when the output goes to a file or another program.
     */
    private void listRecipients(CampaignSender sender, SendPlan plan) throws java.io.IOException {
        if (format == Format.csv) {
            try (CsvExportWriter writer = CsvExportWriter.open(new NonClosingWriter(context.out()))) {
                sender.recipients(plan, s -> SubscriberExportCommand.write(writer, new ExportRow(s.email(), s.name(), "subscribed", s.tags(),
                        s.attributes(), s.consentSource(), s.consentAt() == null ? null : s.consentAt().toEpochMilli(),
                        s.createdAt().toEpochMilli(), s.updatedAt().toEpochMilli())));
            }
            return;
        }
        long limit = context.terminal().interactive() ? PAGE : Long.MAX_VALUE;
        long[] count = {0};
        context.out().println("Would get it:");
        sender.recipients(plan, s -> {
            if (count[0]++ < limit) {
                // As subscribers list does: a name from an older database could still hold control characters.
                String name = TerminalText.escape(s.name());
                context.out().println(name.isEmpty() ? "  " + TerminalText.escape(s.email())
                        : String.format("  %-40s %s", TerminalText.escape(s.email()), name));
            }
        });
        if (count[0] == 0) {
            context.out().println("  nobody");
        } else if (count[0] > limit) {
            context.out().println("  … and " + CampaignReport.number(count[0] - limit) + " more; --format csv lists everyone");
        }
    }

    /** Runs {@code check}: errors stop the send, warnings are shown. */
    private boolean checked(IssuePipeline pipeline, Path folder) {
        List<Diagnostic> findings = new IssueCheck(pipeline).check(folder);
        findings.forEach(context::print);
        if (findings.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
            context.err().println("newsletter: not sent: 'check' found errors in " + folder.getFileName() + "; fix them and send again");
            return false;
        }
        return true;
    }

    private SendingSettings.Rate parseRate() {
        if (rate == null) {
            return null;
        }
        try {
            return SendingSettings.Rate.parse(rate);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--rate: " + e.getMessage());
        }
    }

    private boolean confirmed(SendPlan plan) {
        return Confirmation.confirmed(context, yes, "send",
                "Send " + (plan.resumes() ? "the rest of campaign " + plan.existing().id() : "it") + " now?");
    }

    private int testSend(CampaignSender sender, SendPlan plan) {
        List<TestSend.Result> results = sender.testSend(plan, testTo);
        boolean allAccepted = true;
        for (TestSend.Result result : results) {
            context.out().println((result.accepted() ? "sent to " : "NOT sent to ") + result.address() + ": " + result.reply());
            allAccepted &= result.accepted();
        }
        return allAccepted ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
