package org.newsletter.model;

import java.util.List;

/**
 * The organisation's look from {@code brand:} in newsletter.yaml. Colours are CSS hex values;
 * {@code dark} is null when the brand gives no dark colours (the look derives them from the light ones). {@code logoImage} is a
 * path in the workspace (null for no logo). {@code position} is where {@code brand:} is, for check.
 */
public record Brand(String logoImage, String logoAlt, int logoWidth, Colors light, Colors dark, String headingFont, String bodyFont,
        List<Social> social, SourcePosition position) {

    public Brand {
        social = social == null ? List.of() : List.copyOf(social);
    }

    /** One scheme's colours; any may be null (the default is used). */
    public record Colors(String accent, String link, String background, String text) {
    }

    public record Social(String label, String url) {
    }

    public static final Brand NONE = new Brand(null, null, 0, null, null, null, null, List.of(), null);
}
