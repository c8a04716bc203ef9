package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsletter.model.Brand;
import org.newsletter.model.SourcePosition;

/**
 * A brand that gives only light colours gets dark ones derived from them: each readable (4.5:1) on
 * every dark surface, and the accent and link keeping their hue rather than a fixed palette's.
 */
class DarkPaletteTest {

    private static Brand lightOnly(String accent, String link, String background, String text) {
        return new Brand(null, null, 0, new Brand.Colors(accent, link, background, text), null, null, null, List.of(),
                new SourcePosition(java.nio.file.Path.of("newsletter.yaml"), 1, 1));
    }

    @ParameterizedTest(name = "accent {0}, link {1}, background {2}, text {3}")
    @CsvSource({
        "#7a1f5c, #1d4ed8, #fafaf5, #222222",   // a dark magenta and a saturated blue
        "#0a6650, #0a58a8, #f4f1ea, #1f2933",   // the example's green
        "#b00020, #6b21a8, #fff7e6, #3b2f2f",   // red on a warm cream
        "#8a6d00, #006d77, #ffffff, #000000",   // a dark yellow, teal
        "#ff7a00, #00aaff, #f0f0f0, #333333"    // colours already light
    })
    void derivedDarkColoursAreReadableAndKeepTheirHue(String accent, String link, String background, String text) {
        BrandView.Palette dark = BrandView.of(lightOnly(accent, link, background, text), null).dark();

        for (String surface : List.of(dark.background(), dark.card(), "#222a2f", "#2a3138")) {
            for (String fore : List.of(dark.text(), dark.muted(), dark.accent(), dark.link())) {
                assertThat(Contrast.ratio(fore, surface)).as("%s on %s", fore, surface).isGreaterThanOrEqualTo(Contrast.AA);
            }
        }
        assertThat(Contrast.ratio(dark.onAccent(), dark.accent())).as("button text on the accent").isGreaterThanOrEqualTo(Contrast.AA);
        assertThat(Oklch.of(dark.background()).l()).as("dark background's lightness").isLessThan(0.25);
        assertThat(Oklch.of(dark.accent()).h()).as("the accent's hue").isCloseTo(Oklch.of(accent).h(), within(4.0));
        assertThat(Oklch.of(dark.link()).h()).as("the link's hue").isCloseTo(Oklch.of(link).h(), within(4.0));
        assertThat(dark.accent()).as("not the tool's own dark accent").isNotEqualTo(BrandView.DEFAULT_DARK.accent());
    }

    @Test
    void aWarmLightBackgroundGivesAWarmDarkOne() {
        BrandView.Palette dark = BrandView.of(lightOnly(null, null, "#f4e1c0", null), null).dark();
        Oklch derived = Oklch.of(dark.background());
        assertThat(derived.h()).isCloseTo(Oklch.of("#f4e1c0").h(), within(10.0));
        assertThat(dark.background()).isNotEqualTo(BrandView.DEFAULT_DARK.background());
    }

    @Test
    void givenDarkColoursAreKeptAndTheOthersDerivedAgainstThem() {
        Brand brand = new Brand(null, null, 0, new Brand.Colors("#7a1f5c", null, null, null),
                new Brand.Colors(null, "#99ccff", "#101820", null), null, null, List.of(), new SourcePosition(java.nio.file.Path.of("newsletter.yaml"), 1, 1));
        BrandView.Palette dark = BrandView.of(brand, null).dark();
        assertThat(dark.link()).isEqualTo("#99ccff");
        assertThat(dark.background()).isEqualTo("#101820");
        assertThat(Contrast.ratio(dark.accent(), dark.card())).isGreaterThanOrEqualTo(Contrast.AA);
    }

    @Test
    void withoutBrandColoursTheDarkSchemeIsTheToolsOwn() {
        assertThat(BrandView.of(Brand.NONE, null).dark()).isEqualTo(BrandView.DEFAULT_DARK);
    }

    @Test
    void oklchRoundTripsSrgb() {
        for (String hex : List.of("#000000", "#ffffff", "#0a6650", "#7a1f5c", "#ff7a00", "#1d4ed8")) {
            Oklch c = Oklch.of(hex);
            assertThat(c.toHex()).isEqualTo(hex);
        }
        assertThat(Oklch.of("#ffffff").l()).isCloseTo(1.0, within(1e-3));
        // Pure sRGB red is at hue ~29° in OKLCH (Ottosson's reference values).
        assertThat(Oklch.of("#ff0000").h()).isCloseTo(29.2, within(0.5));
    }
}
