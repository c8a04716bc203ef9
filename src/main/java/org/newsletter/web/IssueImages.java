package org.newsletter.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.newsletter.model.FolderFile;
import org.newsletter.model.Image;
import org.newsletter.model.Issue;

/**
 * The local images of a sent issue, at the same paths relative to {@code /archive/SLUG/} as in its
 * web page (and, as absolute URLs, in its email). Only files the issue itself uses are served, only
 * image types, and only from inside the issue folder once symbolic links are followed: nothing else
 * in the folder (index.md, a draft picture) and nothing outside it can be fetched.
 */
final class IssueImages {

    /**
     * SVG is an image that may carry script and links. It is served (authors use it for logos and
     * charts) under a policy of its own: no script, nothing loaded, and {@code sandbox}, which gives an
     * SVG opened on its own a unique origin, so it could not reach this site's pages even if a browser
     * ran its script.
     */
    static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private static final Map<String, String> TYPES = Map.of(
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "gif", "image/gif",
            "webp", "image/webp",
            "avif", "image/avif",
            "svg", "image/svg+xml");

    private IssueImages() {
    }

    /** The image at {@code relative} (a path without "." or ".." parts) of {@code issue}, or empty. */
    static Optional<Response> serve(Issue issue, String relative) throws IOException {
        String type = TYPES.get(extension(relative));
        if (type == null) {
            return Optional.empty();
        }
        Path folder = issue.folder().toAbsolutePath().normalize();
        Path requested = folder.resolve(relative).normalize();
        Set<Path> used = issue.images().stream().filter(Image::isLocal)
                .map(image -> folder.resolve(image.source()).normalize())
                .collect(Collectors.toSet());
        if (!used.contains(requested)) {
            return Optional.empty();
        }
        FolderFile file = FolderFile.locate(folder, relative);
        if (!file.inside()) {
            return Optional.empty(); // a link out of the folder, not a file, or removed since the issue was rendered
        }
        // Streamed, not read whole: a camera's 48 MB photo asked for by many readers at once must not fill the heap.
        Response image = Response.file(type, file.file());
        return Optional.of(type.equals("image/svg+xml") ? image.withHeader("Content-Security-Policy", SVG_POLICY) : image);
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
