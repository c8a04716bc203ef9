package org.newsletter.web.preview;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Light or dark mode for a previewed document, whatever the computer's own setting. A page cannot
 * make the browser report another {@code prefers-color-scheme} to an iframe, so the document is
 * changed instead: in its {@code <style>} blocks each {@code (prefers-color-scheme: dark|light)} becomes
 * {@code (grid: 0)} when it is the chosen scheme, which every screen matches (grid is 1 only on text
 * terminals), or {@code (grid: 1)} when it is not, which none does. The rest of each media query
 * ({@code screen and …}, {@code not …}, lists) keeps its meaning. The document also gets
 * {@code color-scheme} for the chosen mode, so form controls, scrollbars and the canvas behind an
 * email without a background follow it as a mail app in dark mode would.
 */
enum ColorScheme {
    LIGHT("light"),
    DARK("dark");

    private static final Pattern STYLE = Pattern.compile("(?is)(<style\\b[^>]*>)(.*?)(</style\\s*>)");
    private static final Pattern FEATURE = Pattern.compile("(?i)\\(\\s*prefers-color-scheme\\s*:\\s*(dark|light)\\s*\\)");
    private static final Pattern HEAD = Pattern.compile("(?i)<head\\b[^>]*>");

    private final String word;

    ColorScheme(String word) {
        this.word = word;
    }

    /** {@code dark} from a query parameter; anything else is light. */
    static ColorScheme of(String parameter) {
        return DARK.word.equalsIgnoreCase(parameter == null ? "" : parameter.strip()) ? DARK : LIGHT;
    }

    String word() {
        return word;
    }

    /** The document as it looks in this mode. */
    String apply(String html) {
        Matcher styles = STYLE.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 64);
        while (styles.find()) {
            String css = styles.group(2);
            Matcher features = FEATURE.matcher(css);
            StringBuilder rewritten = new StringBuilder(css.length());
            while (features.find()) {
                features.appendReplacement(rewritten, features.group(1).equalsIgnoreCase(word) ? "(grid: 0)" : "(grid: 1)");
            }
            features.appendTail(rewritten);
            styles.appendReplacement(out, Matcher.quoteReplacement(styles.group(1) + rewritten + styles.group(3)));
        }
        styles.appendTail(out);
        String scheme = "<style>:root{color-scheme:" + word + "}</style>";
        Matcher head = HEAD.matcher(out);
        return head.find() ? out.insert(head.end(), scheme).toString() : scheme + out;
    }
}
