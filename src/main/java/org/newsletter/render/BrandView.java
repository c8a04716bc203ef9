package org.newsletter.render;

import java.util.List;

/**
 * The organisation's look as templates see it ({@code brand.light.accent}, {@code brand.logo.src}…):
 * colours for the light and the dark scheme, fonts, the logo and social links. Public because
 * FreeMarker reads it by reflection.
 */
public record BrandView(Palette light, Palette dark, String headingFont, String bodyFont, Logo logo, List<Social> social) {

    /** One scheme's colours, as CSS values. {@code onAccent} is the text on an accent-coloured button. */
    public record Palette(String background, String card, String text, String muted, String accent, String onAccent, String link) {
    }

    /** {@code src} is the logo's address (absolute in email, as pages and mail clients need). */
    public record Logo(String src, String alt, int width) {
    }

    public record Social(String label, String url) {
    }

    public static final Palette DEFAULT_LIGHT = new Palette("#f4f1ea", "#ffffff", "#1f2933", "#52606d", "#0a6650", "#ffffff", "#0a58a8");
    public static final Palette DEFAULT_DARK = new Palette("#121417", "#1b1f24", "#e4e7eb", "#b0bac5", "#7fd1b3", "#0b1f18", "#8cc4ff");

    /** The tool's own look, when newsletter.yaml has no brand. */
    public static BrandView defaults() {
        return new BrandView(DEFAULT_LIGHT, DEFAULT_DARK, "Georgia, 'Times New Roman', serif", "Arial, Helvetica, sans-serif", null, List.of());
    }
}
