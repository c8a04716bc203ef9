package org.newsletter.render;

import java.util.List;
import org.newsletter.model.Brand;

/**
 * The organisation's look as templates see it ({@code brand.light.accent}, {@code brand.logo.src}…):
 * colours for the light and the dark scheme, fonts, the logo and social links. Public because
 * FreeMarker reads it by reflection.
 */
public record BrandView(Palette light, Palette dark, String headingFont, String bodyFont, Logo logo, List<Social> social) {

    /** One scheme's colours, as CSS values. {@code onAccent} is the text on an accent-coloured button. */
    public record Palette(String background, String card, String text, String muted, String accent, String onAccent, String link) {

        /** How much accent colours a tint: enough to set a callout apart, little enough for body text on it to keep its contrast. */
        private static final double TINT = 0.12;

        /** The card's colour with a little of the accent in it: the background of a callout box. */
        public String tint() {
            int a = Integer.parseInt(accent.substring(1), 16);
            int c = Integer.parseInt(card.substring(1), 16);
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                int mixed = (int) Math.round((a >> shift & 0xff) * TINT + (c >> shift & 0xff) * (1 - TINT));
                rgb |= mixed << shift;
            }
            return String.format("#%06x", rgb);
        }
    }

    /** {@code src} is the logo's address (absolute in email, as pages and mail clients need). */
    public record Logo(String src, String alt, int width) {
    }

    public record Social(String label, String url) {
    }

    public static final Palette DEFAULT_LIGHT = new Palette("#f4f1ea", "#ffffff", "#1f2933", "#52606d", "#0a6650", "#ffffff", "#0a58a8");
    public static final Palette DEFAULT_DARK = new Palette("#121417", "#1b1f24", "#e4e7eb", "#b0bac5", "#7fd1b3", "#0b1f18", "#8cc4ff");

    /**
     * The look a brand asks for, each light colour it leaves out taken from the defaults. The dark
     * colours it leaves out are derived from its light ones ({@link DarkPalette}); a brand with no
     * colours at all keeps the tool's dark palette. {@code logoUrl} is where the logo is published
     * (null for none).
     */
    public static BrandView of(Brand brand, String logoUrl) {
        BrandView defaults = defaults();
        Palette light = palette(brand.light(), DEFAULT_LIGHT);
        Palette dark = brand.light() == null && brand.dark() == null ? DEFAULT_DARK : DarkPalette.derive(brand.light(), brand.dark());
        Logo logo = logoUrl == null ? null : new Logo(logoUrl, brand.logoAlt() == null ? "" : brand.logoAlt(), brand.logoWidth());
        return new BrandView(light, dark, brand.headingFont() == null ? defaults.headingFont() : brand.headingFont(),
                brand.bodyFont() == null ? defaults.bodyFont() : brand.bodyFont(), logo,
                brand.social().stream().map(s -> new Social(s.label(), s.url())).toList());
    }

    private static Palette palette(Brand.Colors colors, Palette fallback) {
        if (colors == null) {
            return fallback;
        }
        String accent = or(colors.accent(), fallback.accent());
        return new Palette(or(colors.background(), fallback.background()), fallback.card(), or(colors.text(), fallback.text()),
                fallback.muted(), accent, onAccent(accent), or(colors.link(), fallback.link()));
    }

    /** The text on a button: white or near-black, whichever reads better on the accent. */
    static String onAccent(String accent) {
        return Contrast.ratio("#ffffff", accent) >= Contrast.ratio("#111111", accent) ? "#ffffff" : "#111111";
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** The tool's own look, when newsletter.yaml has no brand. */
    public static BrandView defaults() {
        return new BrandView(DEFAULT_LIGHT, DEFAULT_DARK, "Georgia, 'Times New Roman', serif", "Arial, Helvetica, sans-serif", null, List.of());
    }
}
