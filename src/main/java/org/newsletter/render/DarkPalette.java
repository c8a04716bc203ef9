package org.newsletter.render;

import java.util.List;
import org.newsletter.model.Brand;

/**
 * The dark scheme's colours of a brand. Each colour {@code brand.colors.dark} gives is used as it is;
 * each it leaves out is derived from its light counterpart (or, where the brand sets neither, the tool's
 * dark default) by changing only its OKLCH lightness, so the accent keeps its hue: backgrounds become
 * dark, and text, links and the accent are made lighter step by step until they reach WCAG AA (4.5:1)
 * on every dark surface text sits on. No fixed palette is swapped in.
 */
final class DarkPalette {

    /**
     * Surfaces the default templates put text on in the dark scheme besides the brand's background and
     * content: an event box (#222a2f) and code (#2a3138). Derived colours must be readable on them too.
     */
    static final List<String> TEMPLATE_SURFACES = List.of("#222a2f", "#2a3138");

    /** OKLCH lightness of a derived dark page background and of the content on it (the defaults' own). */
    private static final double BACKGROUND_LIGHTNESS = 0.19;
    private static final double CARD_STEP = 0.045;
    /** Start of the search for body text: near white, like the default dark text. */
    private static final double TEXT_LIGHTNESS = 0.92;
    /** A dark surface or body text keeps only a tint of its hue: a saturated near-black looks like a mistake. */
    private static final double TINT = 0.03;
    private static final double STEP = 0.005;

    private DarkPalette() {
    }

    static BrandView.Palette derive(Brand.Colors light, Brand.Colors dark) {
        Brand.Colors given = dark == null ? new Brand.Colors(null, null, null, null) : dark;
        Brand.Colors from = light == null ? new Brand.Colors(null, null, null, null) : light;
        BrandView.Palette defaults = BrandView.DEFAULT_DARK;

        String background;
        String card;
        if (given.background() != null) {
            background = given.background();
            Oklch b = Oklch.of(background);
            card = b.withLightness(Math.min(1, b.l() + CARD_STEP)).toHex();
        } else if (from.background() != null) {
            Oklch b = tint(Oklch.of(from.background()));
            background = b.withLightness(BACKGROUND_LIGHTNESS).toHex();
            card = b.withLightness(BACKGROUND_LIGHTNESS + CARD_STEP).toHex();
        } else {
            background = defaults.background();
            card = defaults.card();
        }
        List<String> surfaces = new java.util.ArrayList<>(List.of(background, card));
        surfaces.addAll(TEMPLATE_SURFACES);

        String text = given.text() != null ? given.text()
                : from.text() != null ? readable(tint(Oklch.of(from.text())).withLightness(TEXT_LIGHTNESS), surfaces)
                : readable(Oklch.of(defaults.text()), surfaces);
        String muted = readable(Oklch.of(defaults.muted()), surfaces);
        String accent = given.accent() != null ? given.accent() : readable(Oklch.of(or(from.accent(), defaults.accent())), surfaces);
        String link = given.link() != null ? given.link() : readable(Oklch.of(or(from.link(), defaults.link())), surfaces);
        return new BrandView.Palette(background, card, text, muted, accent, BrandView.onAccent(accent), link);
    }

    /**
     * {@code colour} at the lowest lightness, from its own up, that reaches 4.5:1 on every surface:
     * the colour as close to the brand's as readability allows. White, at worst.
     */
    static String readable(Oklch colour, List<String> surfaces) {
        for (double l = colour.l(); l < 1; l += STEP) {
            String hex = colour.withLightness(l).toHex();
            if (surfaces.stream().allMatch(s -> Contrast.ratio(hex, s) >= Contrast.AA)) {
                return hex;
            }
        }
        return "#ffffff";
    }

    private static Oklch tint(Oklch colour) {
        return colour.withChroma(Math.min(colour.c(), TINT));
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
