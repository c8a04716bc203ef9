package org.newsletter.issue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.newsletter.compose.IssueComposer;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.Event;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.Issue;
import org.newsletter.model.SourcePosition;
import org.newsletter.render.RenderedIssue;

/**
 * {@code newsletter check}: everything build would complain about, plus what a careful editor would
 * notice before sending: inbox preview text, subject length, events already past, and Gmail's
 * clipping limit.
 */
public final class IssueCheck {

    /** Gmail clips messages whose HTML is larger than this and hides the rest (and the unsubscribe link). */
    public static final int GMAIL_CLIP_BYTES = 102 * 1024;

    private final IssuePipeline pipeline;

    public IssueCheck(IssuePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** All findings, errors first; an empty list means the issue is clean. */
    public List<Diagnostic> check(Path issueFolder) {
        List<Diagnostic> findings = new ArrayList<>();
        IssueComposer.Composition composition;
        try {
            composition = pipeline.compose(issueFolder);
        } catch (InvalidInputException e) {
            return e.diagnostics();
        }
        // Front matter and Markdown warnings (preheader, subject, links, headings) come from compose.
        findings.addAll(composition.warnings());
        Issue issue = composition.issue();
        Path index = issue.folder().resolve("index.md");
        for (Event event : issue.events()) {
            if (event.start().toLocalDate().isBefore(issue.date())) {
                findings.add(Diagnostic.warning(event.position(),
                        "event '" + event.id() + "' starts before the issue's date (" + issue.date() + ")"));
            }
        }
        try {
            RenderedIssue rendered = pipeline.render(composition);
            String html = rendered.personalise(SampleRecipient.forSite(pipeline.workspace().site())).html();
            int bytes = html.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > GMAIL_CLIP_BYTES) {
                findings.add(Diagnostic.error(SourcePosition.of(index),
                        "email HTML is " + bytes / 1024 + " KB; Gmail clips anything over 102 KB (and hides the unsubscribe link): shorten the issue"));
            }
        } catch (InvalidInputException e) {
            findings.addAll(e.diagnostics());
        }
        findings.sort((a, b) -> Boolean.compare(!a.isError(), !b.isError()));
        return findings;
    }
}
