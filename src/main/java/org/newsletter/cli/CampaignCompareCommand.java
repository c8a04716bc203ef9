package org.newsletter.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.newsletter.model.BounceKind;
import org.newsletter.model.Campaign;
import org.newsletter.model.CampaignOutcome;
import org.newsletter.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"The last campaigns side by side, with a trend per column.",
            "Oldest first. Rates are of the messages accepted; bounces are hard and soft together.",
            "Clicks are people's clicks on tracked links (0 when clicks were not tracked)."})
final class CampaignCompareCommand implements Callable<Integer> {

    private final CommandContext context;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--last", paramLabel = "N", defaultValue = "6", description = "How many campaigns, the newest (default: ${DEFAULT-VALUE}).")
    int last;

    CampaignCompareCommand(CommandContext context) {
        this.context = context;
    }

    /** One column: its heading and how a campaign's figure is found. */
    private record Column(String heading, ToDoubleFunction<Row> value, boolean percent) {
    }

    /** @param clicks human clicks on the campaign's tracked links (0 when its links were not tracked) */
    private record Row(Campaign campaign, CampaignOutcome outcome, long clicks) {
        double rate(long n) {
            return CampaignOutcome.percent(n, outcome.accepted());
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("RECIPIENTS", r -> r.campaign().audience(), false),
            new Column("DELIVERED", r -> r.outcome().accepted(), false),
            new Column("BOUNCES", r -> r.rate(r.outcome().bounces(BounceKind.HARD_BOUNCE) + r.outcome().bounces(BounceKind.SOFT_BOUNCE)), true),
            new Column("COMPLAINTS", r -> r.rate(r.outcome().bounces(BounceKind.COMPLAINT)), true),
            new Column("UNSUBSCRIBES", r -> r.rate(r.outcome().unsubscribes().size()), true),
            // Clicks by people (not scanners) per message accepted: clicks, not people, since aggregate tracking cannot tell them apart.
            new Column("CLICKS", r -> r.rate(r.clicks()), true));

    @Override
    public Integer call() {
        if (last < 1 || last > 60) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--last must be between 1 and 60, not " + last);
        }
        List<Row> rows = new ArrayList<>();
        try (Store store = context.openStore(context.workspace(null))) {
            List<Campaign> newestFirst = store.campaigns().all();
            var clicks = store.tracking().clicksPerCampaign();
            for (Campaign campaign : newestFirst.subList(0, Math.min(last, newestFirst.size()))) {
                long human = clicks.containsKey(campaign.id()) ? clicks.get(campaign.id()).human() : 0;
                rows.add(0, new Row(campaign, store.outcomes().of(campaign), human));
            }
        }
        PrintWriter out = context.out();
        if (rows.isEmpty()) {
            out.println("No campaigns yet. Send an issue: newsletter send ISSUE --list LIST");
            return ExitCodes.OK;
        }
        int width = Math.max(12, rows.size());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%5s  %-28s %-10s", "ID", "ISSUE", "SENT"));
        COLUMNS.forEach(c -> header.append(String.format(Locale.ROOT, " %" + width + "s", c.heading())));
        out.println(header);
        for (Row row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5d  %-28s %-10s", row.campaign().id(), row.campaign().issue(),
                    row.campaign().createdAt().toString().substring(0, 10)));
            for (Column column : COLUMNS) {
                double value = column.value().applyAsDouble(row);
                String text = column.percent() ? String.format(Locale.ROOT, "%.2f %%", value) : CampaignReport.number((long) value);
                line.append(String.format(Locale.ROOT, " %" + width + "s", text));
            }
            out.println(line);
        }
        StringBuilder trend = new StringBuilder(String.format(Locale.ROOT, "%5s  %-28s %-10s", "", "trend (oldest to newest)", ""));
        for (Column column : COLUMNS) {
            trend.append(String.format(Locale.ROOT, " %" + width + "s", Sparkline.of(rows.stream().mapToDouble(column.value()).toArray())));
        }
        out.println(trend);
        return ExitCodes.OK;
    }
}
