package org.newsletter.cli;

import java.nio.file.Path;
import org.newsletter.config.Workspace;
import picocli.CommandLine.Parameters;

/** The ISSUE argument shared by commands that work on one issue, and how it is resolved. */
final class IssueParameter {

    /** The workspace an issue lives in and its folder. */
    record Resolved(Workspace workspace, Path folder) {
    }

    @Parameters(paramLabel = "ISSUE", description = "Issue folder, or its name under newsletters/.")
    String issue;

    Resolved resolve(CommandContext context) {
        Workspace workspace = context.workspace(issue);
        return new Resolved(workspace, workspace.issueFolder(context.workingDir(), issue));
    }
}
