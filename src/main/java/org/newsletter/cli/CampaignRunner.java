package org.newsletter.cli;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.newsletter.model.Campaign;
import org.newsletter.send.CampaignRun;
import org.newsletter.send.CampaignSender;
import org.newsletter.send.RunReport;
import org.newsletter.send.SendPlan;
import org.newsletter.send.StopRequest;
import org.newsletter.store.Store;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a campaign as {@code send} and {@code campaigns retry} do: a progress bar, SIGINT and SIGTERM as
 * "stop cleanly" (a second one: at once), and the report, which names the command to run to resume.
 */
final class CampaignRunner {

    static final String STOPPING = "stopping: no more messages are started; those already with the server finish and are recorded (up to "
            + CampaignRun.DRAIN_LIMIT.toSeconds() + " s); press Ctrl-C again to stop at once";
    /** After the drain limit, time to record the outcomes and say what happened, if the JVM is ending anyway (SIGHUP). */
    private static final Duration RECORDING = Duration.ofSeconds(15);

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

    private final CommandContext context;

    CampaignRunner(CommandContext context) {
        this.context = context;
    }

    /** Runs {@code campaign} until it is done, cannot go on, or is stopped; prints the outcome and returns the exit code. */
    @SuppressWarnings("try") // the watch is open while the campaign runs and its outcome is printed; nothing reads it
    int run(CampaignSender sender, Campaign campaign, SendPlan plan, Store store, CommandSpec spec) throws InterruptedException {
        StopRequest stop = new StopRequest();
        try (StopSignals.Watch watch = context.signals().watch(stop::stop, stop::stopNow, STOPPING, CampaignRun.DRAIN_LIMIT.plus(RECORDING))) {
            RunReport report;
            try (SendProgressBar bar = SendProgressBar.open(context.terminal(), store.campaigns().counts(campaign.id()).remaining())) {
                report = sender.run(campaign, plan, bar, stop);
            }
            return new CampaignReport(context.out(), context.err()).finished(campaign, report, store, typed(spec));
        }
    }

    /** The command line as it was typed, quoted for a POSIX shell: what to run to resume. */
    static String typed(CommandSpec spec) {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        return "newsletter " + args.stream().map(CampaignRunner::shellWord).collect(Collectors.joining(" "));
    }

    static String shellWord(String arg) {
        return PLAIN_WORD.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
