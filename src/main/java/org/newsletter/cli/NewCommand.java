package org.newsletter.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssueScaffold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Start an issue: newsletters/SLUG/index.md and events.yaml, with comments explaining each part.")
final class NewCommand implements Callable<Integer> {

    private final CommandContext context;

    @Parameters(paramLabel = "SLUG", description = "Folder name, used in web addresses, e.g. 2024-09-team-update.")
    String slug;

    @Option(names = "--title", paramLabel = "T", description = "Title (default: made from the slug).")
    String title;

    @Option(names = "--date", paramLabel = "D", description = "Issue date, YYYY-MM-DD (default: today).")
    LocalDate date;

    NewCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Workspace workspace = context.workspace(null);
        LocalDate issueDate = date != null ? date : LocalDate.now(context.clock().withZone(workspace.site().timeZone()));
        var folder = new IssueScaffold(workspace).create(slug, title, issueDate);
        context.out().println("Created " + workspace.root().relativize(folder) + "/index.md and events.yaml");
        context.out().println("Next: edit them, then run 'newsletter check " + slug + "' and 'newsletter build " + slug + "'.");
        return ExitCodes.OK;
    }
}
