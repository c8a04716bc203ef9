package org.newsletter.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The link schemes a reader may be sent to: http, https, mailto and tel. Anything else
 * ({@code javascript:}, {@code data:}, {@code vbscript:}, {@code file:}…) is dropped from the HTML
 * and plain text, however it is spelt: in any case, as character references ({@code &#106;avascript:})
 * or with tabs, newlines and control characters inside the scheme, which browsers remove before
 * reading it (WHATWG URL Standard, "basic URL parser"). An allow-list, because a deny-list misses the
 * next scheme a mail client or browser gives meaning to.
 */
final class LinkSchemes {

    private static final Set<String> ALLOWED = Set.of("http", "https", "mailto", "tel");
    /** C0 controls, space and DEL: stripped before the scheme is read, as a browser strips tab and newline. */
    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x20\\x7f]+");
    private static final String LINK_ATTRIBUTES = "[href], [xlink:href]";

    private LinkSchemes() {
    }

    /**
     * True for a link with an allowed scheme and for a relative link (no scheme at all). The argument is
     * the URL as the browser sees it, character references already decoded (flexmark's unescaped URL, or a
     * jsoup attribute value).
     */
    static boolean allowed(String url) {
        String scheme = scheme(url);
        return scheme == null || ALLOWED.contains(scheme);
    }

    /**
     * The lower-case scheme, or null for a relative link. Whatever stands before the first ':' that comes
     * before any '/', '?' or '#' is taken as a scheme, even when it is not a well-formed one
     * ("java&#1;script"): refusing a strange relative link costs less than letting a scheme through.
     */
    static String scheme(String url) {
        String compact = CONTROLS.matcher(url).replaceAll("");
        int colon = compact.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String before = compact.substring(0, colon);
        if (before.contains("/") || before.contains("?") || before.contains("#")) {
            return null;
        }
        return before.isEmpty() ? null : before.toLowerCase(Locale.ROOT);
    }

    /** The links in a piece of HTML (an HTML block of the Markdown) whose scheme is not allowed. */
    static List<String> refusedIn(String html) {
        List<String> refused = new ArrayList<>();
        for (Element element : Jsoup.parseBodyFragment(html).select(LINK_ATTRIBUTES)) {
            for (String attribute : List.of("href", "xlink:href")) {
                if (element.hasAttr(attribute) && !allowed(element.attr(attribute))) {
                    refused.add(element.attr(attribute));
                }
            }
        }
        return refused;
    }

    /**
     * Rendered HTML without the refused links: an {@code <a>} keeps its text but loses its target. HTML
     * with nothing to drop comes back unchanged, byte for byte.
     */
    static String drop(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        boolean changed = false;
        for (Element element : document.select(LINK_ATTRIBUTES)) {
            for (String attribute : List.of("href", "xlink:href")) {
                if (element.hasAttr(attribute) && !allowed(element.attr(attribute))) {
                    element.removeAttr(attribute);
                    changed = true;
                }
            }
        }
        if (!changed) {
            return html;
        }
        document.outputSettings().prettyPrint(false);
        return document.body().html();
    }
}
