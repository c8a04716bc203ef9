package org.newsletter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.newsletter.model.Brand;
import org.newsletter.model.Diagnostics;
import org.newsletter.yaml.YamlList;
import org.newsletter.yaml.YamlMap;
import org.newsletter.yaml.YamlNode;

/** {@code brand:} in newsletter.yaml: logo, colours (with optional dark variants), fonts, social links. */
final class BrandReader {

    static final String KEY = "brand";
    private static final Set<String> KEYS = Set.of("logo", "colors", "fonts", "social");
    private static final Set<String> COLOR_KEYS = Set.of("accent", "link", "background", "text", "dark");
    private static final String HEX = "#[0-9a-fA-F]{6}";

    Brand read(YamlMap config, Diagnostics problems) {
        if (!(config.get(KEY) instanceof YamlMap brand)) {
            if (config.has(KEY)) {
                problems.error(config.positionOf(KEY), "'brand' must be a map (logo, colors, fonts, social)");
            }
            return Brand.NONE;
        }
        brand.rejectUnknownKeys(KEYS, "'brand'", problems);
        String image = null;
        String alt = null;
        int width = 0;
        if (brand.get("logo") instanceof YamlMap logo) {
            logo.rejectUnknownKeys(Set.of("image", "alt", "width"), "'brand.logo'", problems);
            image = logo.text("image", problems);
            alt = logo.text("alt", problems);
            String w = logo.text("width", problems);
            if (w != null) {
                try {
                    width = Integer.parseInt(w.strip());
                } catch (NumberFormatException e) {
                    problems.error(logo.positionOf("width"), "brand.logo.width must be a number of pixels, not '" + w + "'");
                }
            }
        }
        Brand.Colors light = null;
        Brand.Colors dark = null;
        if (brand.get("colors") instanceof YamlMap colors) {
            colors.rejectUnknownKeys(COLOR_KEYS, "'brand.colors'", problems);
            light = colors(colors, "brand.colors", problems);
            if (colors.get("dark") instanceof YamlMap darkColors) {
                darkColors.rejectUnknownKeys(Set.of("accent", "link", "background", "text"), "'brand.colors.dark'", problems);
                dark = colors(darkColors, "brand.colors.dark", problems);
            }
        }
        String heading = null;
        String body = null;
        if (brand.get("fonts") instanceof YamlMap fonts) {
            fonts.rejectUnknownKeys(Set.of("heading", "body"), "'brand.fonts'", problems);
            heading = font(fonts, "heading", problems);
            body = font(fonts, "body", problems);
        }
        List<Brand.Social> social = new ArrayList<>();
        if (brand.get("social") instanceof YamlList links) {
            for (YamlNode item : links.items()) {
                if (item instanceof YamlMap link) {
                    String label = link.requiredText("label", "a social link", problems);
                    String url = link.requiredText("url", "a social link", problems);
                    if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
                        problems.error(link.positionOf("url"), "a social link's url must start with https://, not '" + url + "'");
                    } else if (label != null && url != null) {
                        social.add(new Brand.Social(label, url));
                    }
                }
            }
        }
        return new Brand(image, alt, width, light, dark, heading, body, social, config.positionOf(KEY));
    }

    private static Brand.Colors colors(YamlMap map, String where, Diagnostics problems) {
        return new Brand.Colors(color(map, "accent", where, problems), color(map, "link", where, problems),
                color(map, "background", where, problems), color(map, "text", where, problems));
    }

    private static String color(YamlMap map, String key, String where, Diagnostics problems) {
        String value = map.text(key, problems);
        if (value == null) {
            return null;
        }
        if (!value.strip().matches(HEX)) {
            problems.error(map.positionOf(key), where + "." + key + " must be a colour such as #0a6650, not '" + value + "'");
            return null;
        }
        return value.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** A CSS font list: letters, digits, spaces, commas, quotes and hyphens only, so it cannot end the style block. */
    private static String font(YamlMap map, String key, Diagnostics problems) {
        String value = map.text(key, problems);
        if (value != null && !value.matches("[\\p{L}\\p{N} ,'\"-]+")) {
            problems.error(map.positionOf(key), "brand.fonts." + key + " must be a font list such as Georgia, serif");
            return null;
        }
        return value;
    }
}
