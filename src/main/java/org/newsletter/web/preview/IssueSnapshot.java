package org.newsletter.web.preview;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.newsletter.compose.IssueComposer;
import org.newsletter.config.Workspace;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.issue.IssueCheck;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;
import org.newsletter.model.UserInputException;
import org.newsletter.render.RenderedIssue;

/**
 * The issue as its files were at one moment: the workspace settings read afresh, and the issue
 * rendered once, or the problems (with file and line) that stopped it. Everything the preview shows
 * for one change count comes from one snapshot, so the tabs never disagree.
 */
final class IssueSnapshot {

    private final long version;
    private final Path folder;
    private final IssuePipeline pipeline;
    private final RenderedIssue rendered;
    private final List<Diagnostic> problems;
    private List<Diagnostic> findings;

    private IssueSnapshot(long version, Path folder, IssuePipeline pipeline, RenderedIssue rendered, List<Diagnostic> problems) {
        this.version = version;
        this.folder = folder;
        this.pipeline = pipeline;
        this.rendered = rendered;
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads newsletter.yaml and renders the issue. A new pipeline each time, so a templates/ folder
     * that appeared since the last snapshot is used and changed settings take effect.
     */
    static IssueSnapshot take(long version, Path root, Path folder, Clock clock) {
        IssuePipeline pipeline = null;
        try {
            Workspace workspace = new WorkspaceLocator().locate(root);
            pipeline = new IssuePipeline(workspace, clock);
            IssueComposer.Composition composition = pipeline.compose(folder);
            return new IssueSnapshot(version, folder, pipeline, pipeline.render(composition), List.of());
        } catch (InvalidInputException e) {
            return new IssueSnapshot(version, folder, pipeline, null, e.diagnostics());
        } catch (UserInputException | UncheckedIOException e) {
            // e.g. a file that vanished for a moment while an editor saved it: say so where the issue is
            return new IssueSnapshot(version, folder, pipeline, null,
                    List.of(Diagnostic.error(SourcePosition.of(folder), describe(e))));
        }
    }

    private static String describe(RuntimeException e) {
        if (e instanceof UncheckedIOException io && io.getCause() != null) {
            return io.getMessage() + ": " + io.getCause().getMessage();
        }
        return e.getMessage();
    }

    long version() {
        return version;
    }

    boolean ok() {
        return rendered != null;
    }

    /** The rendered issue; only when {@link #ok()}. */
    RenderedIssue rendered() {
        if (rendered == null) {
            throw new IllegalStateException("the issue did not render: " + problems);
        }
        return rendered;
    }

    /** The pipeline of a snapshot whose workspace could be read; only when {@link #ok()}. */
    IssuePipeline pipeline() {
        rendered();
        return pipeline;
    }

    Workspace workspace() {
        return pipeline().workspace();
    }

    /** What stopped the issue from rendering; empty when {@link #ok()}. */
    List<Diagnostic> problems() {
        return problems;
    }

    /**
     * What {@code newsletter check} says, worked out the first time it is asked for: every finding, also
     * when the issue did not render (an error must not hide the warnings), as long as the workspace could be read.
     */
    synchronized List<Diagnostic> findings() {
        if (findings == null) {
            findings = problems;
            if (pipeline != null) {
                try {
                    findings = new IssueCheck(pipeline).check(folder);
                } catch (UserInputException | UncheckedIOException e) {
                    // The file vanished again while an editor saved it: the problems already say so.
                    findings = problems;
                }
            }
        }
        return findings;
    }

    /** A finding's file relative to the workspace, as a person would type it. */
    String where(Diagnostic diagnostic, Path root) {
        SourcePosition at = diagnostic.position();
        Path file = at.file();
        if (file.isAbsolute() && file.startsWith(root) && !file.equals(root)) {
            file = root.relativize(file);
        }
        return new SourcePosition(file, at.line(), at.column()).toString();
    }
}
