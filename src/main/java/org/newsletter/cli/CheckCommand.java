package org.newsletter.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newsletter.config.SendingSettings;
import org.newsletter.config.Workspace;
import org.newsletter.doctor.Doctor;
import org.newsletter.doctor.Finding;
import org.newsletter.doctor.SendingIdentity;
import org.newsletter.issue.IssueCheck;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.SourcePosition;
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
        List<Diagnostic> findings = new ArrayList<>(new IssueCheck(new IssuePipeline(workspace, context.clock())).check(folder));
        alignment(workspace).ifPresent(findings::add);
        findings.forEach(context::print);
        context.err().println(IssueCheck.summary(findings));
        return findings.stream().anyMatch(Diagnostic::isError) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * DMARC alignment of From with the DKIM and envelope domains (doctor's alignment item, which needs
     * no DNS): an error when it fails, a warning when only part aligns; empty when all is well.
     */
    static Optional<Diagnostic> alignment(Workspace workspace) {
        // The relay plays no part in alignment: a bad transport URL is for send to report, not check.
        Finding finding = Doctor.alignment(SendingIdentity.of(workspace, SendingSettings.OUTBOX));
        SourcePosition where = SourcePosition.of(workspace.configFile());
        String message = finding.detail() + ": " + finding.fix() + " (newsletter doctor checks DNS too)";
        return switch (finding.status()) {
            case FAIL -> Optional.of(Diagnostic.error(where, message));
            case WARN -> Optional.of(Diagnostic.warning(where, message));
            default -> Optional.empty();
        };
    }
}
