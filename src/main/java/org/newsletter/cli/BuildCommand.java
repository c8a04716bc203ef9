package org.newsletter.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssueBuild;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.store.PrivateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Render an issue into files you can open and inspect.",
                "Writes email.html, email-local.html (the email with its images read from beside it, to open from disk),"
                + " email.txt, web.html, message.eml, events/*.ics and images/. The output folder is replaced as a whole,"
                + " only when everything succeeded."})
final class BuildCommand implements Callable<Integer> {

    private final CommandContext context;

    @Mixin
    IssueParameter issue;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: .newsletter/build/SLUG in the workspace).")
    Path out;

    BuildCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        long started = System.nanoTime();
        IssueParameter.Resolved resolved = issue.resolve(context);
        Workspace workspace = resolved.workspace();
        Path folder = resolved.folder();
        Path target = out != null ? context.workingDir().resolve(out)
                : workspace.stateDir().resolve("build").resolve(folder.getFileName());
        if (out == null) {
            PrivateFiles.createFolder(workspace.stateDir()); // where the database and outbox go too: private from the start
        }
        IssueBuild.Result result = new IssueBuild(new IssuePipeline(workspace, context.clock())).build(folder, target);
        result.warnings().forEach(context::print);
        long millis = (System.nanoTime() - started) / 1_000_000;
        context.out().printf("Built %s into %s in %d ms (email HTML %.1f KB):%n",
                folder.getFileName(), result.folder(), millis, result.emailHtmlBytes() / 1024.0);
        for (String file : result.files()) {
            context.out().println("  " + file);
        }
        return ExitCodes.OK;
    }
}
