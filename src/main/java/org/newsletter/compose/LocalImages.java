package org.newsletter.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.FolderFile;
import org.newsletter.model.Image;
import org.newsletter.model.SourcePosition;

/**
 * Checks that a local image exists inside the issue folder, symbolic links followed, and reads its
 * pixel size from the file header (without decoding the pixels), so the email can carry width and
 * height attributes; warns about images heavier than 1 MB or wider than 1200 px.
 */
final class LocalImages {

    /** Above this an image is slow on a phone's connection and weighs on the reader's data plan. */
    static final long MAX_BYTES = 1024 * 1024;
    /** Twice the email's 600 px column: sharp on high-density screens, no heavier than needed. */
    static final int MAX_WIDTH = 1200;

    private final Path folder;

    LocalImages(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** Returns the image with its size, or null after reporting why it cannot be used. */
    Image resolve(String source, String alt, SourcePosition at, Diagnostics problems) {
        FolderFile located = FolderFile.locate(folder, source);
        if (located.where() == FolderFile.Where.OUTSIDE) {
            String how = folder.resolve(source).normalize().startsWith(folder) ? "is a link to a file outside the issue folder"
                    : "is outside the issue folder";
            problems.error(at, "image '" + source + "' " + how + "; put the file itself under images/");
            return null;
        }
        if (located.where() == FolderFile.Where.MISSING) {
            problems.error(at, "image '" + source + "' not found (looked for " + located.file() + ")");
            return null;
        }
        int[] size = size(located.file());
        long bytes = bytes(located.file());
        if (bytes > MAX_BYTES) {
            problems.warning(at, String.format(Locale.ROOT, "image '%s' is %.1f MB: over 1 MB loads slowly on phones and"
                    + " counts against the reader's data; resize or compress it", source, bytes / (1024.0 * 1024.0)));
        }
        if (size[0] > MAX_WIDTH) {
            problems.warning(at, "image '" + source + "' is " + size[0] + " px wide: twice the 600 px column (" + MAX_WIDTH
                    + " px) is sharp on any screen; resize it");
        }
        return new Image(source, alt, size[0], size[1]);
    }

    private static long bytes(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] size(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return new int[] {0, 0};
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new int[] {0, 0};
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            // An unreadable header (SVG, WebP) only costs us the size attributes; the image itself is still sent.
            return new int[] {0, 0};
        }
    }
}
