package org.newsletter.compose;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.FolderFile;
import org.newsletter.model.Image;
import org.newsletter.model.SourcePosition;

/**
 * Checks that a local image exists inside the issue folder, symbolic links followed, and reads its pixel size from the file
 * header (without decoding the pixels), so the email can carry width and height attributes.
 */
final class LocalImages {

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
        return new Image(source, alt, size[0], size[1]);
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
