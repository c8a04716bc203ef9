package org.newsletter.issue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.SourcePosition;

/**
 * The rendered email's CSS properties and HTML elements held against the caniemail data for the
 * clients most readers use ({@link MailClient}): one warning per feature that some of them do not
 * support at all, naming them and the template line that asks for it.
 *
 * <p>Not checked: whatever sits in an {@code @media} block or other at-rule in the {@code <style>}
 * element (those are enhancements by definition: a client that does not understand the query skips
 * the block), and the features in {@link #PROGRESSIVE}, which the templates use knowing that some
 * clients ignore them and that the email reads well without.
 */
final class EmailCompatibility {

    /**
     * Deliberate progressive enhancements: caniemail slug, and why losing it in some client is fine.
     * Keep the reason: a feature belongs here only if the email still reads well without it.
     */
    static final Map<String, String> PROGRESSIVE = Map.ofEntries(
            Map.entry("html-body", "Outlook for Mac drops the <body> element's styles; the outer table repeats its background"),
            Map.entry("css-max-width", "Outlook for Windows ignores it; the width attributes set the 600 px column there"),
            Map.entry("css-border-radius", "Outlook for Windows draws square corners; the button is still a button"),
            Map.entry("css-display-none", "hides the preheader, which Outlook for Windows hides with mso-hide:all instead"),
            Map.entry("css-max-height", "belt and braces on the hidden preheader (display:none, mso-hide:all)"),
            Map.entry("css-opacity", "belt and braces on the hidden preheader (display:none, mso-hide:all)"),
            Map.entry("css-overflow", "belt and braces on the hidden preheader (display:none, mso-hide:all)"),
            Map.entry("css-word-wrap", "breaks long URLs where supported; elsewhere they stick out a little"),
            Map.entry("css-overflow-wrap", "breaks long URLs where supported; elsewhere they stick out a little"),
            Map.entry("css-white-space", "code blocks wrap where supported; elsewhere they keep their lines"),
            Map.entry("css-height", "height:auto keeps images in proportion when a narrow screen scales them; Yahoo's web"
                    + " client, which ignores it, is never narrower than the column"),
            Map.entry("css-color-scheme", "tells clients with a dark mode that the email has one; the others show it light"),
            Map.entry("html-meta-color-scheme", "tells clients with a dark mode that the email has one; the others show it light"));

    /** A CSS function in a value: "linear-gradient(", "var(". */
    private static final Pattern FUNCTION = Pattern.compile("([a-z-]+)\\(");

    private static final Pattern FIRST_WORD = Pattern.compile("[\\s,]+");

    private final CanIEmail data;
    private final TemplateSource email;
    private final Path index;

    /**
     * @param email the email template, where findings are placed when the workspace overrides it
     * @param index the issue's index.md, where raw HTML in the Markdown may have asked for a feature
     */
    EmailCompatibility(CanIEmail data, TemplateSource email, Path index) {
        this.data = data;
        this.email = email;
        this.index = index;
    }

    /** One warning per unsupported feature the HTML uses, in the order they first appear. */
    List<Diagnostic> check(String html) {
        Map<String, Use> used = new LinkedHashMap<>();
        Document document = Jsoup.parse(html);
        for (Element element : document.getAllElements()) {
            String tag = element.normalName();
            data.element(tag).ifPresent(f -> note(used, f, "<" + tag));
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (name.equals("style")) {
                    declarations(attribute.getValue(), used);
                } else {
                    data.attribute(name).ifPresent(f -> note(used, f, name + "="));
                }
            }
            if (tag.equals("style")) {
                topLevelRules(element.data(), used);
            }
        }
        return used.values().stream().map(this::warning).toList();
    }

    private record Use(CanIEmail.Feature feature, String needle) {
    }

    private void note(Map<String, Use> used, CanIEmail.Feature feature, String needle) {
        if (!feature.unsupported().isEmpty() && !PROGRESSIVE.containsKey(feature.slug())) {
            used.putIfAbsent(feature.slug(), new Use(feature, needle));
        }
    }

    private void declarations(String block, Map<String, Use> used) {
        for (String declaration : block.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = declaration.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            if (value.endsWith("!important")) {
                data.property("!important").ifPresent(f -> note(used, f, "!important"));
                value = value.substring(0, value.length() - "!important".length()).strip();
            }
            String keyword = FIRST_WORD.split(value, 2)[0];
            Optional<CanIEmail.Feature> exact = data.propertyValue(property, keyword);
            if (exact.isPresent()) {
                note(used, exact.get(), property + ":" + keyword);
            } else {
                data.property(property).ifPresent(f -> note(used, f, property + ":"));
            }
            for (Matcher function = FUNCTION.matcher(value); function.find(); ) {
                String name = function.group(1);
                data.function(name).ifPresent(f -> note(used, f, name + "("));
            }
        }
    }

    /** The declarations of the plain rules of a style sheet; at-rules (@media, @font-face…) are skipped whole. */
    private void topLevelRules(String css, Map<String, Use> used) {
        String text = css.replaceAll("(?s)/\\*.*?\\*/", "");
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            int semicolon = text.indexOf(';', at);
            if (open < 0) {
                return;
            }
            String prelude = text.substring(at, open).strip();
            if (prelude.startsWith("@") && semicolon >= 0 && semicolon < open) {
                at = semicolon + 1; // @import, @charset
                continue;
            }
            int close = matching(text, open);
            if (!prelude.startsWith("@")) {
                declarations(text.substring(open + 1, close), used);
            }
            at = close + 1;
        }
    }

    private static int matching(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return text.length() - 1;
    }

    private Diagnostic warning(Use use) {
        CanIEmail.Feature feature = use.feature();
        String clients = feature.unsupported().stream().map(MailClient::label).collect(Collectors.joining(", "));
        return Diagnostic.warning(locate(use.needle()), "'" + feature.title() + "' is not supported by " + clients
                + " (caniemail.com, " + data.updated() + ": " + feature.url() + "); do without it, or put it in an @media block");
    }

    /** The first line of the workspace's email templates, then of index.md, that asks for the feature. */
    private SourcePosition locate(String needle) {
        List<Path> candidates = new ArrayList<>();
        if (email.isOverride()) {
            candidates.add(email.file());
        }
        Path partials = email.templatesDir() == null ? null : email.templatesDir().resolve("partials");
        if (partials != null && Files.isDirectory(partials)) {
            try (Stream<Path> files = Files.list(partials)) {
                files.filter(f -> f.getFileName().toString().startsWith("email")).sorted().forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        candidates.add(index);
        for (Path file : candidates) {
            Optional<SourcePosition> found = TemplateSource.find(file, needle);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return email.position();
    }
}
