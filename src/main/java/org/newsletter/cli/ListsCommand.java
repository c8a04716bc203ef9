package org.newsletter.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.newsletter.config.Workspace;
import org.newsletter.model.ListSummary;
import org.newsletter.model.ListVisibility;
import org.newsletter.model.MailingList;
import org.newsletter.model.UserInputException;
import org.newsletter.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lists", mixinStandardHelpOptions = true,
        description = "Show the mailing lists and how many people are on each.",
        subcommands = {ListsCommand.Create.class, ListsCommand.Show.class, ListsCommand.Change.class})
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
            context.out().printf("%-20s %-30s %10s %8s %12s  %-13s %s%n", "LIST", "NAME", "SUBSCRIBED", "PENDING", "UNSUBSCRIBED", "DOUBLE OPT-IN",
                    "VISIBILITY");
            for (ListSummary summary : lists) {
                MailingList list = summary.list();
                context.out().printf("%-20s %-30s %10d %8d %12d  %-13s %s%n", list.slug(), list.name(), summary.subscribed(),
                        summary.pending(), summary.unsubscribed(), list.doubleOptIn() ? "yes" : "no", list.visibility().word());
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

        @Option(names = "--private", description = "Keep the list off public pages: the subscribe form and other lists on unsubscribe pages.")
        boolean privateList;

        @Option(names = "--lang", paramLabel = "TAG", description = "Language of the list's reader pages and confirmation emails (e.g. cy); "
                + "default: the workspace's language.")
        String language;

        Create(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                String tag = language == null ? "" : ListLanguage.check(language);
                MailingList list = store.lists().create(slug, name, description, doubleOptIn,
                        privateList ? ListVisibility.PRIVATE : ListVisibility.PUBLIC);
                if (!tag.isEmpty()) {
                    list = store.lists().setLanguage(list.slug(), tag);
                }
                context.out().println("Created " + (list.isPublic() ? "" : "private ") + "list '" + list.slug() + "' (" + list.name() + ")"
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
                context.out().println("Visibility:    " + describe(list.visibility()));
                context.out().println("Language:      " + (list.language().isEmpty() ? "the workspace's" : list.language()));
                context.out().println("Created:       " + Times.format(list.createdAt()));
                context.out().println("Subscribed:    " + summary.subscribed());
                context.out().println("Pending:       " + summary.pending());
                context.out().println("Unsubscribed:  " + summary.unsubscribed());
            }
            return ExitCodes.OK;
        }
    }

    static String describe(ListVisibility visibility) {
        return visibility == ListVisibility.PUBLIC
                ? "public (offered on the subscribe form and on unsubscribe pages)"
                : "private (on no public page: not on the subscribe form, not among other lists on unsubscribe pages)";
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change a list: private or public, its language or welcome mail.")
    static final class Change implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "SLUG")
        String slug;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Visibility visibility;

        @Option(names = "--welcome", paramLabel = "ISSUE", description = {"Send this issue (e.g. newsletters/welcome) to each new subscriber once,"
                + " when they subscribe through the form or confirm; never to people added by staff or imported.",
                "'newsletter serve' or 'newsletter run-due' sends it."})
        String welcome;

        @Option(names = "--lang", paramLabel = "TAG", description = "Language of the list's reader pages and confirmation emails; \"\" for the workspace's.")
        String language;

        @Spec
        CommandSpec spec;

        /** Exactly one of the two: picocli says so as a usage error. */
        static final class Visibility {
            @Option(names = "--private", required = true, description = "Keep the list off public pages.")
            boolean privateList;

            @Option(names = "--public", required = true, description = "Offer the list on the subscribe form and on unsubscribe pages.")
            boolean publicList;
        }

        Change(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (visibility == null && welcome == null && language == null) {
                throw new ParameterException(spec.commandLine(), "say what to change: --private, --public, --lang TAG or --welcome ISSUE");
            }
            if (welcome != null) {
                setWelcome();
            }
            if (visibility == null && language == null) {
                return ExitCodes.OK;
            }
            try (Store store = context.openStore(context.workspace(null))) {
                if (language != null) {
                    MailingList list = store.lists().setLanguage(slug, language.isEmpty() ? "" : ListLanguage.check(language));
                    context.out().println("List '" + list.slug() + "' now speaks " + (list.language().isEmpty() ? "the workspace's language" : list.language()));
                    if (visibility == null) {
                        return ExitCodes.OK;
                    }
                }
                ListVisibility wanted = visibility.privateList ? ListVisibility.PRIVATE : ListVisibility.PUBLIC;
                MailingList before = store.lists().require(slug);
                if (before.visibility() == wanted) {
                    context.out().println("List '" + before.slug() + "' was already " + wanted.word());
                    return ExitCodes.OK;
                }
                MailingList list = store.lists().setVisibility(slug, wanted);
                context.out().println("List '" + list.slug() + "' is now " + describe(list.visibility()));
            }
            return ExitCodes.OK;
        }

        /** Checks the issue as send does (errors stop it) and makes it the list's welcome mail. */
        private void setWelcome() {
            org.newsletter.config.Workspace workspace = context.workspace(welcome);
            java.nio.file.Path folder = context.workingDir().resolve(welcome).normalize();
            if (!java.nio.file.Files.isDirectory(folder) || !folder.startsWith(workspace.newslettersDir())) {
                throw new UserInputException("--welcome: no issue folder " + welcome + " under " + workspace.newslettersDir());
            }
            org.newsletter.issue.IssuePipeline pipeline = new org.newsletter.issue.IssuePipeline(workspace, context.clock());
            List<org.newsletter.model.Diagnostic> findings = new org.newsletter.issue.IssueCheck(pipeline).check(folder);
            findings.forEach(context::print);
            if (findings.stream().anyMatch(d -> d.severity() == org.newsletter.model.Severity.ERROR)) {
                throw new UserInputException("--welcome: 'check' found errors in " + folder.getFileName() + "; fix them and set it again");
            }
            try (Store store = context.openStore(workspace)) {
                org.newsletter.send.CampaignSender sender = new org.newsletter.send.CampaignSender(workspace, pipeline::render, store,
                        context.environment(), context.clock());
                org.newsletter.model.Campaign campaign = new org.newsletter.send.WelcomeMails(sender, store).set(folder, slug);
                context.out().println("New subscribers to '" + slug + "' get " + campaign.issue() + " once, when they subscribe through the form"
                        + " (or confirm); not people added by staff or imported. 'newsletter serve' (or run-due) sends it; campaign "
                        + campaign.id() + " records it.");
            }
        }
    }
}
