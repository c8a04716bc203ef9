package org.newsletter.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file named relative to a folder (an image of an issue), located by its real path: symbolic links
 * are followed before asking whether it lies inside the folder, so a link to {@code /etc/passwd} is
 * outside however innocent its name. Compose (and so check, build, preview and send) and the web
 * server's image routes all decide with this one rule.
 *
 * @param file the real path of the file when {@code where} is INSIDE, else the path as named
 */
public record FolderFile(Path file, Where where) {

    /** Where the named file turned out to be. */
    public enum Where {
        /** A regular file whose real path lies inside the folder's real path. */
        INSIDE,
        /** Named outside the folder (..), or a symbolic link somewhere on its way leads out of it. */
        OUTSIDE,
        /** No such file, or not a regular file. */
        MISSING
    }

    /** Locates {@code relative} under {@code folder}. */
    public static FolderFile locate(Path folder, String relative) {
        Path base = folder.toAbsolutePath().normalize();
        Path named;
        try {
            named = base.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return new FolderFile(base, Where.MISSING);
        }
        if (!named.startsWith(base)) {
            return new FolderFile(named, Where.OUTSIDE);
        }
        try {
            Path real = named.toRealPath();
            if (!real.startsWith(base.toRealPath())) {
                return new FolderFile(named, Where.OUTSIDE);
            }
            return Files.isRegularFile(real) ? new FolderFile(real, Where.INSIDE) : new FolderFile(named, Where.MISSING);
        } catch (IOException e) {
            // NoSuchFileException, a dangling link, or a folder we may not read: either way nothing to use.
            return new FolderFile(named, Where.MISSING);
        }
    }

    public boolean inside() {
        return where == Where.INSIDE;
    }
}
