package org.newsletter.web.preview;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.newsletter.model.FolderFile;
import org.newsletter.model.Image;
import org.newsletter.render.RenderedIssue;
import org.newsletter.web.ErrorPages;
import org.newsletter.web.Request;
import org.newsletter.web.Response;
import org.newsletter.web.Routes;

/**
 * The issue's public pages as the site will have them, under {@code /archive/SLUG/}: the web version,
 * its calendar files, and its images. Only the images the issue uses are served, looked up by the
 * exact path the email or web page asks for, so no spelling of a path ({@code ..}, {@code %2e%2e},
 * encoded slashes, absolute paths) can reach any other file.
 */
final class IssueFiles {

    private static final Map<String, String> IMAGE_TYPES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif",
            "webp", "image/webp", "svg", "image/svg+xml", "avif", "image/avif");

    private final IssueSnapshots snapshots;
    private final ErrorPages errors;
    private final String slug;

    IssueFiles(IssueSnapshots snapshots, ErrorPages errors) {
        this.snapshots = snapshots;
        this.errors = errors;
        this.slug = snapshots.folder().getFileName().toString();
    }

    Routes routes() {
        String prefix = java.util.regex.Pattern.quote(LocalLinks.localPath(slug));
        return new Routes()
                .add(LoopbackHost.get(prefix, this::webVersion))
                .add(LoopbackHost.get(prefix + "events/([A-Za-z0-9._-]+)\\.ics", this::calendar))
                .add(LoopbackHost.get(prefix + ".+", this::image));
    }

    private Response webVersion(Request request) {
        IssueSnapshot snapshot = snapshots.current();
        if (!snapshot.ok()) {
            return ContentPolicy.issue(422, Fragments.page("The issue does not render", Fragments.problems(snapshot, snapshots.root())));
        }
        String html = IssueTabs.localLinks(snapshot).apply(snapshot.rendered().webHtml());
        return ContentPolicy.issue(200, ColorScheme.of(request.query().get("scheme")).apply(html));
    }

    private Response calendar(Request request) {
        IssueSnapshot snapshot = snapshots.current();
        String ics = snapshot.ok() ? snapshot.rendered().calendars().get(request.pathParameter(0)) : null;
        return ics == null ? errors.notFound() : ContentPolicy.bytes("text/calendar; charset=utf-8", ics.getBytes(StandardCharsets.UTF_8));
    }

    private Response image(Request request) throws IOException {
        IssueSnapshot snapshot = snapshots.current();
        if (!snapshot.ok()) {
            return errors.notFound();
        }
        Optional<Path> file = localImage(snapshot, request.path());
        if (file.isEmpty()) {
            return errors.notFound();
        }
        String name = file.get().getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return ContentPolicy.file(IMAGE_TYPES.getOrDefault(extension, "application/octet-stream"), file.get());
    }

    /** The file of the issue's local image whose address, made local, is exactly {@code rawPath}. */
    private static Optional<Path> localImage(IssueSnapshot snapshot, String rawPath) {
        RenderedIssue rendered = snapshot.rendered();
        LocalLinks links = IssueTabs.localLinks(snapshot);
        java.net.URI published = snapshot.workspace().site().issueUrl(rendered.issue().slug());
        for (Image image : rendered.issue().images()) {
            if (image.isLocal() && links.apply(published.resolve(image.source()).toString()).equals(rawPath)) {
                // checked again, not trusted from compose: the file may have become a link since
                FolderFile file = FolderFile.locate(rendered.issue().folder(), image.source());
                return file.inside() ? Optional.of(file.file()) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
