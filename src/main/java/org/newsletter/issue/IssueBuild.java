package org.newsletter.issue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.newsletter.compose.IssueComposer;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.FolderFile;
import org.newsletter.model.Image;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.Recipient;
import org.newsletter.model.SourcePosition;
import org.newsletter.render.IssueRenderer;
import org.newsletter.render.RenderedIssue;

/**
 * {@code newsletter build}: writes email.html, email-local.html (the same, opening its images from
 * beside it), email.txt, web.html, message.eml, events/ID.ics and the local images of one issue into
 * a folder, all or nothing.
 */
public final class IssueBuild {

    /** What a build produced, for the command line to report. */
    public record Result(Path folder, List<String> files, List<Diagnostic> warnings, int emailHtmlBytes) {
    }

    private final IssuePipeline pipeline;

    public IssueBuild(IssuePipeline pipeline) {
        this.pipeline = pipeline;
    }

    public Result build(Path issueFolder, Path out) {
        IssueComposer.Composition composition = pipeline.compose(issueFolder);
        RenderedIssue rendered = pipeline.render(composition);
        Recipient sample = SampleRecipient.forSite(pipeline.workspace().site());
        // email.html and email.txt are the sample message's two parts; message.eml is that message as send builds it.
        RenderedIssue.PersonalisedContent content = rendered.personalise(sample);
        List<Diagnostic> noWayOut = UnsubscribeLinkCheck.check(content, sample,
                new TemplateSource(pipeline.workspace().templatesDir(), IssueRenderer.EMAIL_HTML),
                new TemplateSource(pipeline.workspace().templatesDir(), IssueRenderer.EMAIL_TEXT));
        if (!noWayOut.isEmpty()) {
            throw new InvalidInputException(noWayOut);
        }
        OutgoingMessage message = pipeline.message(pipeline.campaign(rendered, IssuePipeline.SAMPLE_LIST), sample,
                "build:" + rendered.issue().slug());

        try (BuildWriter writer = new BuildWriter(out)) {
            writer.write("email.html", content.html());
            writer.write(LocalEmail.FILE, LocalEmail.of(content.html(), pipeline.workspace().site().issueUrl(rendered.issue().slug())));
            writer.write("email.txt", content.text());
            writer.write("web.html", rendered.webHtml());
            writer.write("message.eml", message.bytes());
            for (Map.Entry<String, String> calendar : rendered.calendars().entrySet()) {
                writer.write("events/" + calendar.getKey() + ".ics", calendar.getValue());
            }
            for (Image image : rendered.issue().images()) {
                // the real file, checked again: compose saw it inside the folder, but it may have become a link since
                FolderFile file = FolderFile.locate(rendered.issue().folder(), image.source());
                if (!file.inside()) {
                    throw InvalidInputException.at(SourcePosition.of(file.file()), "image is missing or now a link out of the issue folder");
                }
                writer.copy(file.file(), image.source());
            }
            writer.commit();
        }
        List<String> files = new java.util.ArrayList<>(List.of("email.html", LocalEmail.FILE, "email.txt", "web.html", "message.eml"));
        rendered.calendars().keySet().forEach(id -> files.add("events/" + id + ".ics"));
        rendered.issue().images().forEach(image -> files.add(image.source()));
        return new Result(out.toAbsolutePath().normalize(), files, composition.warnings(),
                content.html().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
