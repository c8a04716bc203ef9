package org.newsletter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.newsletter.bounce.BounceFetcher;
import org.newsletter.config.BounceSettings;
import org.newsletter.config.Workspace;
import org.newsletter.model.Suppression;
import org.newsletter.model.UserInputException;
import org.newsletter.store.BounceRepository;
import org.newsletter.store.Store;
import org.newsletter.store.SuppressionRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bounces", mixinStandardHelpOptions = true,
        description = {"Show recent bounces, complaints and suppressed addresses.",
                "Lists the bounces, complaints and mailed unsubscribes that came back, newest first, and the addresses that are never mailed again."},
        subcommands = {BouncesCommand.Fetch.class})
final class BouncesCommand implements Callable<Integer> {

    private final CommandContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many of each to show (default: ${DEFAULT-VALUE}).")
    int limit;

    BouncesCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
        PrintWriter out = context.out();
        try (Store store = context.openStore(context.workspace(null))) {
            List<BounceRepository.Entry> bounces = store.bounces().recent(limit);
            if (bounces.isEmpty()) {
                out.println("No bounces, complaints or mailed unsubscribes yet ('newsletter bounces fetch' reads the bounce mailbox).");
            } else {
                out.println("Recent bounces, complaints and mailed unsubscribes:");
                for (BounceRepository.Entry entry : bounces) {
                    String where = entry.campaignId() != null ? "campaign " + entry.campaignId() : entry.listSlug() != null ? "list " + entry.listSlug() : "";
                    out.printf("  %s  %-12s %-7s %-32s %-12s %s%n", Times.format(entry.at()), entry.kind().word(), entry.status(), entry.email(), where,
                            entry.detail());
                }
            }
            List<Suppression> suppressions = store.suppressions().recent(limit);
            if (!suppressions.isEmpty()) {
                out.println("Suppressed addresses, never mailed again:");
                for (Suppression suppression : suppressions) {
                    out.printf("  %s  %-12s %-32s %s%n", Times.format(suppression.at()), suppression.reason().word(),
                            suppression.email() == null ? SuppressionRepository.ADDRESS_NOT_KEPT : suppression.email(), suppression.note());
                }
            }
        }
        return ExitCodes.OK;
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Read the bounce mailbox and act on each message.",
                    "The mailbox is 'bounces:' in newsletter.yaml. Hard bounces and complaints suppress the address, soft bounces are counted,"
                    + " and mailed unsubscribes unsubscribe. Handled messages move to the processed folder; anything not understood stays and is listed."})
    static final class Fetch implements Callable<Integer> {
        private final CommandContext context;

        @Option(names = "--watch", description = "Keep going: wait for new mail with IMAP IDLE, and reconnect after failures (Ctrl-C stops).")
        boolean watch;

        Fetch(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Workspace workspace = context.workspace(null);
            BounceSettings settings = workspace.bounces();
            if (settings == null) {
                throw new UserInputException("no bounce mailbox in " + Workspace.CONFIG_FILE
                        + ": add 'bounces: {mailbox: imaps://USER@HOST}' and set " + BounceSettings.PASSWORD_VARIABLE);
            }
            try (Store store = context.openStore(workspace)) {
                BounceFetcher fetcher = new BounceFetcher(settings, context.environment(), store, context.clock());
                if (watch) {
                    context.out().println("Watching " + settings.folder() + " of " + settings.mailbox() + " (Ctrl-C stops)");
                    context.out().flush();
                    AtomicReference<List<String>> leftBefore = new AtomicReference<>(List.of());
                    // What stays in the folder is listed again only when it changes, not after every new mail.
                    fetcher.watch(pass -> print(pass, settings, false, !pass.left().equals(leftBefore.getAndSet(pass.left()))), context.err());
                } else {
                    print(fetcher.fetch(), settings, true, true);
                }
            }
            return ExitCodes.OK;
        }

        private void print(BounceFetcher.Pass pass, BounceSettings settings, boolean sayNothingNew, boolean listLeft) {
            PrintWriter out = context.out();
            if (pass.processed().isEmpty() && pass.left().isEmpty() && sayNothingNew) {
                out.println(pass.folder() + ": nothing new.");
            }
            if (!pass.processed().isEmpty()) {
                out.println("Processed " + pass.processed().size() + " from " + pass.folder() + " (moved to " + settings.processedFolder() + "):");
                pass.processed().forEach(line -> out.println("  " + line));
            }
            if (!pass.left().isEmpty() && listLeft) {
                out.println("Left " + pass.left().size() + " in " + pass.folder() + " (not understood; look at them by hand):");
                pass.left().forEach(line -> out.println("  " + line));
            }
            out.flush();
        }
    }
}
