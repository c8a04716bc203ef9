package org.newsletter.issue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.newsletter.compose.IssueComposer;
import org.newsletter.model.Diagnostic;
import org.newsletter.render.MessageBundle;
import org.newsletter.model.Event;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.Issue;
import org.newsletter.model.Recipient;
import org.newsletter.model.SourcePosition;
import org.newsletter.render.IssueRenderer;
import org.newsletter.render.RenderedIssue;

/**
 * {@code newsletter check}: everything build would complain about, plus what a careful editor would
 * notice before sending: inbox preview text, subject length, events already past, Gmail's clipping
 * limit, a missing unsubscribe link. Every finding in one run: an error in the front matter does not
 * hide a vague link further down.
 */
public final class IssueCheck {

    /** Gmail clips messages whose HTML is larger than this and hides the rest (and the unsubscribe link). */
    public static final int GMAIL_CLIP_BYTES = 102 * 1024;

    private final IssuePipeline pipeline;

    public IssueCheck(IssuePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** "2 errors, 1 warning": the line check always ends with. */
    public static String summary(List<Diagnostic> findings) {
        long errors = findings.stream().filter(Diagnostic::isError).count();
        long warnings = findings.size() - errors;
        return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
    }

    /** All findings, errors first; an empty list means the issue is clean. */
    public List<Diagnostic> check(Path issueFolder) {
        List<Diagnostic> findings = new ArrayList<>();
        IssueComposer.Findings composed;
        try {
            composed = pipeline.lint(issueFolder);
        } catch (InvalidInputException e) {
            return e.diagnostics();
        }
        // Front matter and Markdown findings (preheader, subject, links, headings, images) come from compose.
        findings.addAll(composed.diagnostics());
        composed.composition().ifPresent(composition -> findings.addAll(rendered(composition)));
        findings.sort(Comparator.comparing(d -> !d.isError()));
        return findings;
    }

    private List<Diagnostic> rendered(IssueComposer.Composition composition) {
        List<Diagnostic> findings = new ArrayList<>();
        Issue issue = composition.issue();
        Path index = issue.folder().resolve("index.md");
        for (Event event : issue.events()) {
            if (event.start().toLocalDate().isBefore(issue.date())) {
                findings.add(Diagnostic.warning(event.position(),
                        "event '" + event.id() + "' starts before the issue's date (" + issue.date() + ")"));
            }
        }
        findings.addAll(untranslated(issue, index));
        findings.addAll(BrandCheck.check(pipeline.workspace()));
        try {
            RenderedIssue rendered = pipeline.render(composition);
            Recipient sample = SampleRecipient.forSite(pipeline.workspace().site());
            RenderedIssue.PersonalisedContent content = rendered.personalise(sample);
            int bytes = content.html().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > GMAIL_CLIP_BYTES) {
                findings.add(Diagnostic.error(SourcePosition.of(index),
                        "email HTML is " + bytes / 1024 + " KB; Gmail clips anything over 102 KB (and hides the unsubscribe link): shorten the issue"));
            }
            findings.addAll(UnsubscribeLinkCheck.check(content, sample, template(IssueRenderer.EMAIL_HTML), template(IssueRenderer.EMAIL_TEXT)));
            findings.addAll(new EmailCompatibility(CanIEmail.data(), template(IssueRenderer.EMAIL_HTML), index).check(content.html()));
        } catch (InvalidInputException e) {
            findings.addAll(e.diagnostics());
        }
        return findings;
    }

    /**
     * One warning naming the keys the issue's language has no words for (in the shipped bundles or
     * the workspace's templates/messages_LANG.properties): those appear in English.
     */
    private List<Diagnostic> untranslated(Issue issue, Path index) {
        Path templates = pipeline.workspace().templatesDir();
        MessageBundle words = MessageBundle.of(issue.language(), templates);
        List<String> missing = MessageBundle.englishKeys(templates).stream().filter(key -> !words.translates(key)).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        String lang = issue.language().getLanguage();
        return List.of(Diagnostic.warning(SourcePosition.of(index), "language '" + issue.language().toLanguageTag() + "' has no words for "
                + missing.size() + (missing.size() == 1 ? " message" : " messages") + " (" + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                + (missing.size() > 5 ? ", …" : "") + "), shown in English: add them to templates/messages_" + lang + ".properties"));
    }

    private TemplateSource template(String name) {
        return new TemplateSource(pipeline.workspace().templatesDir(), name);
    }
}
