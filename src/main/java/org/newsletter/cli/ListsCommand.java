package org.newsletter.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.newsletter.config.Workspace;
import org.newsletter.model.ListSummary;
import org.newsletter.model.MailingList;
import org.newsletter.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lists", mixinStandardHelpOptions = true,
        description = "Show the mailing lists and how many people are on each.",
        subcommands = {ListsCommand.Create.class, ListsCommand.Show.class})
final class ListsCommand implements Callable<Integer> {

    private final CommandContext context;

    ListsCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Workspace workspace = context.workspace(null);
        try (Store store = context.openStore(workspace)) {
            List<ListSummary> lists = store.lists().summaries();
            if (lists.isEmpty()) {
                context.out().println("No lists yet. Create one: newsletter lists create news --name \"Monthly news\"");
                return ExitCodes.OK;
            }
            context.out().printf("%-20s %-30s %10s %8s %12s  %s%n", "LIST", "NAME", "SUBSCRIBED", "PENDING", "UNSUBSCRIBED", "DOUBLE OPT-IN");
            for (ListSummary summary : lists) {
                MailingList list = summary.list();
                context.out().printf("%-20s %-30s %10d %8d %12d  %s%n", list.slug(), list.name(), summary.subscribed(),
                        summary.pending(), summary.unsubscribed(), list.doubleOptIn() ? "yes" : "no");
            }
        }
        return ExitCodes.OK;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a mailing list.")
    static final class Create implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "SLUG", description = "Short name used in commands and List-Id headers, e.g. news.")
        String slug;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name people see.")
        String name;

        @Option(names = "--description", paramLabel = "TEXT", description = "What the list is for.")
        String description;

        @Option(names = "--double-opt-in", description = "People who subscribe through the form must confirm by email.")
        boolean doubleOptIn;

        Create(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                MailingList list = store.lists().create(slug, name, description, doubleOptIn);
                context.out().println("Created list '" + list.slug() + "' (" + list.name() + ")"
                        + (list.doubleOptIn() ? " with double opt-in" : ""));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one mailing list.")
    static final class Show implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "SLUG", description = "The list's short name.")
        String slug;

        Show(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                MailingList list = store.lists().require(slug);
                ListSummary summary = store.lists().summaries().stream()
                        .filter(s -> s.list().id() == list.id()).findFirst().orElseThrow();
                context.out().println("List:          " + list.slug());
                context.out().println("Name:          " + list.name());
                if (!list.description().isEmpty()) {
                    context.out().println("Description:   " + list.description());
                }
                context.out().println("Double opt-in: " + (list.doubleOptIn() ? "yes" : "no"));
                context.out().println("Created:       " + Times.format(list.createdAt()));
                context.out().println("Subscribed:    " + summary.subscribed());
                context.out().println("Pending:       " + summary.pending());
                context.out().println("Unsubscribed:  " + summary.unsubscribed());
            }
            return ExitCodes.OK;
        }
    }
}
