package org.newsletter.cli;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssueScaffold;
import org.newsletter.issue.SlugDate;
import org.newsletter.model.InvalidDateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Start an issue from a commented example.",
                "Creates newsletters/SLUG/ with index.md and events.yaml, whose comments explain each part."
                + " A name starting with YYYY-MM or YYYY-MM-DD gives the issue's date."})
final class NewCommand implements Callable<Integer> {

    private final CommandContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SLUG", description = "Folder name, used in web addresses, e.g. 2024-09-team-update.")
    String slug;

    @Option(names = "--title", paramLabel = "T", description = "Title (default: made from the slug).")
    String title;

    @Option(names = "--date", paramLabel = "D", description = "Issue date, YYYY-MM-DD (default: the date the slug starts with, else today).")
    LocalDate date;

    NewCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Optional<LocalDate> named = dateInName();
        Workspace workspace = context.workspace(null);
        LocalDate today = LocalDate.now(context.clock().withZone(workspace.site().timeZone()));
        LocalDate issueDate = date != null ? date : IssueScaffold.dateFor(slug, today);
        if (date != null && named.isPresent() && !YearMonth.from(date).equals(YearMonth.from(named.get()))) {
            context.err().println("newsletter: warning: --date " + date + " is not in " + YearMonth.from(named.get())
                    + ", the month the name " + slug + " starts with; the issue is dated " + date);
        }
        var folder = new IssueScaffold(workspace).create(slug, title, issueDate);
        context.out().println("Created " + workspace.root().relativize(folder) + "/index.md and events.yaml, dated " + issueDate
                + (date == null && named.isPresent() ? " (from the name)" : "") + ".");
        context.out().println("Next: edit them, then run 'newsletter check " + slug + "' and 'newsletter preview " + slug + "'.");
        return ExitCodes.OK;
    }

    private Optional<LocalDate> dateInName() {
        try {
            return SlugDate.of(slug);
        } catch (InvalidDateException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
