package org.newsletter.web;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.newsletter.model.FolderFile;

/**
 * {@code /brand/FILE}: the images of the workspace's {@code brand/} folder (the logo the email and
 * the pages show), only image types, only from inside the folder once symbolic links are followed.
 */
final class BrandFiles {

    private static final Map<String, String> TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
            "gif", "image/gif", "webp", "image/webp");

    private final Path folder;
    private final ErrorPages errors;

    BrandFiles(Path folder, ErrorPages errors) {
        this.folder = folder.toAbsolutePath().normalize();
        this.errors = errors;
    }

    Routes routes() {
        return new Routes().add(Route.get("/brand/([a-zA-Z0-9][a-zA-Z0-9_-]*\\.[a-zA-Z0-9]+)", request -> {
            String name = request.pathParameter(0);
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
            FolderFile file = FolderFile.locate(folder, name);
            if (type == null || !file.inside()) {
                return errors.notFound();
            }
            return Response.file(type, file.file()).withHeader("Cache-Control", ArchivePages.CACHE_CONTROL);
        }));
    }
}
