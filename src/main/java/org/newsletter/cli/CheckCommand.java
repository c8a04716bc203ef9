package org.newsletter.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssueCheck;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.model.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Lint an issue: errors exit 1, warnings do not.",
                "Errors: bad front matter or events, images without alt text or missing, SVG images, <script> and the like,"
                + " template errors, no visible unsubscribe link, HTML over Gmail's 102 KB."
                + " Warnings: the preheader, subject length, vague link text, http:// links, large images, past events,"
                + " skipped heading levels, CSS and HTML that mail clients ignore."
                + " Every finding in one run, then 'N errors, M warnings'."})
final class CheckCommand implements Callable<Integer> {

    private final CommandContext context;

    @Mixin
    IssueParameter issue;

    CheckCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        IssueParameter.Resolved resolved = issue.resolve(context);
        Workspace workspace = resolved.workspace();
        Path folder = resolved.folder();
        List<Diagnostic> findings = new IssueCheck(new IssuePipeline(workspace, context.clock())).check(folder);
        findings.forEach(context::print);
        context.err().println(IssueCheck.summary(findings));
        return findings.stream().anyMatch(Diagnostic::isError) ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
