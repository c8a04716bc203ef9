package org.newsletter.model;

/**
 * An image of the issue: its path relative to the issue folder (or an absolute URL), its alt text,
 * and its pixel size when it is a local file we could read (0 when unknown).
 */
public record Image(String source, String alt, int width, int height) {

    public Image {
        alt = alt == null ? "" : alt;
    }

    public boolean isLocal() {
        return !source.contains("://") && !source.startsWith("data:");
    }
}
