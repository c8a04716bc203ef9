package org.newsletter.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caniemail.com data (vendored in resources/caniemail, MIT licence): for each CSS property or
 * value and each HTML element or attribute it has tested, whether each {@link MailClient} supports
 * it in its latest tested version. Read once per run; a feature or client missing from the data is
 * unknown, never a failure.
 */
final class CanIEmail {

    /** One tested feature and the clients that do not support it at all ("n"); partial support ("a") is not flagged. */
    record Feature(String slug, String title, String url, List<MailClient> unsupported) {
    }

    private static final String RESOURCE = "/caniemail/caniemail.json";
    /** "display:flex", "flex-wrap: wrap". */
    private static final Pattern PROPERTY_VALUE = Pattern.compile("([a-z-]+)\\s*:\\s*([a-z-]+)");
    private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z-]*");
    private static final Pattern FUNCTION = Pattern.compile("([a-z-]+)\\(\\)");
    private static final Pattern ELEMENT = Pattern.compile("<([a-z][a-z0-9]*)>");

    private final String updated;
    private final Map<String, Feature> properties = new HashMap<>();
    private final Map<String, Feature> propertyValues = new HashMap<>();
    private final Map<String, Feature> functions = new HashMap<>();
    private final Map<String, Feature> elements = new HashMap<>();
    private final Map<String, Feature> attributes = new HashMap<>();

    private static final class Holder {
        /** Immutable once read: 640 KB of JSON, parsed once however many issues a run checks. */
        static final CanIEmail DATA = read();
    }

    static CanIEmail data() {
        return Holder.DATA;
    }

    private CanIEmail(JsonNode root) {
        this.updated = root.path("last_update_date").asText("").split(" ")[0];
        for (JsonNode node : root.path("data")) {
            Feature feature = feature(node);
            String slug = feature.slug();
            String title = feature.title().toLowerCase(Locale.ROOT)
                    .replaceAll(" (css )?(property|shorthand|element|attributes?)$", "").strip();
            if (slug.startsWith("css-")) {
                indexCss(slug, title, feature);
            } else if (slug.startsWith("html-")) {
                indexHtml(slug, title, feature);
            }
        }
    }

    private void indexCss(String slug, String title, Feature feature) {
        for (String part : title.split(",|&")) {
            String name = part.strip();
            Matcher pair = PROPERTY_VALUE.matcher(name);
            Matcher function = FUNCTION.matcher(name);
            if (pair.matches()) {
                propertyValues.putIfAbsent(pair.group(1) + ":" + pair.group(2), feature);
            } else if (function.matches()) {
                functions.putIfAbsent(function.group(1), feature);
            } else if (PROPERTY.matcher(name).matches() && !name.startsWith("css-")) {
                properties.putIfAbsent(name, feature);
            }
        }
        if (slug.equals("css-important")) {
            properties.put("!important", feature);
        } else if (slug.equals("css-variables")) {
            functions.put("var", feature);
        }
    }

    private void indexHtml(String slug, String title, Feature feature) {
        Matcher element = ELEMENT.matcher(title);
        boolean any = false;
        while (element.find()) {
            elements.putIfAbsent(element.group(1), feature);
            any = true;
        }
        if (slug.equals("html-h1-h6")) {
            for (int level = 1; level <= 6; level++) {
                elements.put("h" + level, feature);
            }
        } else if (slug.equals("html-lists")) {
            elements.put("li", feature);
        } else if (!any && feature.title().toLowerCase(Locale.ROOT).endsWith("attribute")) {
            attributes.put(title, feature);
        } else if (slug.equals("html-srcset")) {
            attributes.put("srcset", feature);
            attributes.put("sizes", feature);
        }
    }

    private static Feature feature(JsonNode node) {
        List<MailClient> unsupported = new ArrayList<>();
        JsonNode stats = node.path("stats");
        for (MailClient client : MailClient.values()) {
            latest(stats.path(client.family()).path(client.platform()))
                    .filter(support -> support.startsWith("n"))
                    .ifPresent(support -> unsupported.add(client));
        }
        return new Feature(node.path("slug").asText(), node.path("title").asText(), node.path("url").asText(),
                Collections.unmodifiableList(unsupported));
    }

    /** The support in the last version tested (the data lists versions oldest first); empty when never tested. */
    private static Optional<String> latest(JsonNode versions) {
        String last = null;
        for (Iterator<JsonNode> values = versions.elements(); values.hasNext(); ) {
            last = values.next().asText("").strip();
        }
        return Optional.ofNullable(last).filter(s -> !s.isEmpty() && !s.startsWith("u"));
    }

    private static CanIEmail read() {
        try (InputStream in = CanIEmail.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new CanIEmail(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The date of the data, for messages: "2025-09-09". */
    String updated() {
        return updated;
    }

    Optional<Feature> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    Optional<Feature> propertyValue(String name, String value) {
        return Optional.ofNullable(propertyValues.get(name + ":" + value));
    }

    Optional<Feature> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    Optional<Feature> element(String name) {
        return Optional.ofNullable(elements.get(name));
    }

    Optional<Feature> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}
