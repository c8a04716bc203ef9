package org.newsletter.compose;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkNodeBase;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.SourcePosition;
import org.newsletter.model.TerminalText;

/**
 * Findings in the Markdown that a reader would notice: link text that means nothing out of context
 * (screen-reader users navigate by link list) whatever its case and punctuation, insecure links,
 * skipped heading levels, images in raw HTML without alt text or in SVG, and raw HTML that no mail
 * client runs ({@code <script>}, {@code <iframe>}…). Markdown images are checked where they are resolved.
 */
final class MarkdownLint {

    /** Compared after {@link #words}: "Click Here!" and "read more…" are "click here" and "read more". */
    private static final Set<String> VAGUE_LINK_TEXT = Set.of(
            "click here", "here", "this link", "link", "read more", "more", "click", "this", "go",
            "learn more", "more info", "more information", "find out more", "info", "details", "click this link",
            "see more", "continue reading", "read this", "this page", "go here", "tap here");

    /**
     * Opening tags of elements that no mail client runs or shows and that spam filters punish; in raw
     * HTML they are an error, and {@link HtmlFlavour} leaves them out of the email.
     */
    static final Pattern FORBIDDEN_TAG = Pattern.compile("(?i)<\\s*(script|iframe|form|object|embed)\\b");

    private final Path file;
    private final int bodyFirstLine;

    MarkdownLint(Path file, int bodyFirstLine) {
        this.file = file;
        this.bodyFirstLine = bodyFirstLine;
    }

    void lint(Document document, Diagnostics problems) {
        int previousLevel = 1; // the title is the page's h1
        for (Node node : document.getDescendants()) {
            if (node instanceof Heading heading) {
                if (heading.getLevel() == 1) {
                    problems.warning(at(node), "heading level 1: the title is already the h1; start sections at ##");
                } else if (heading.getLevel() > previousLevel + 1) {
                    problems.warning(at(node), "heading skips from level " + previousLevel + " to " + heading.getLevel()
                            + "; use " + "#".repeat(previousLevel + 1));
                }
                previousLevel = heading.getLevel();
            } else if (node instanceof ComponentBlock component) {
                checkComponent(component, problems);
            } else if (node instanceof Link link) {
                checkLink(node, link.getUrl().toString(), link.getText().toString(), problems);
                if (ButtonLinks.isButton(link) && ButtonLinks.of(link.getParent()).isEmpty()) {
                    problems.warning(at(node), "'" + link.getText() + "' is marked {.button} but stands in running text, where it"
                            + " stays a link; put it in a paragraph of its own to make a button");
                }
            } else if (node instanceof AutoLink link) {
                checkLink(node, link.getUrl().toString(), link.getUrl().toString(), problems);
            } else if (node instanceof HtmlBlock || node instanceof HtmlInline) {
                checkHtml(node, problems);
            }
            checkScheme(node, problems);
        }
    }

    /** Components are errors when malformed: the email would not show what the author meant. */
    private void checkComponent(ComponentBlock component, Diagnostics problems) {
        if (!ComponentBlock.KINDS.contains(component.kind())) {
            problems.error(at(component), "unknown component '::: " + component.kind()
                    + "'; the components are '::: callout' and '::: columns'");
        } else if (!component.closed()) {
            problems.error(at(component), "'::: " + component.kind() + "' is never closed; end it with a line of ':::'");
        } else if (component.is(ComponentBlock.COLUMNS)
                && (component.getFirstChild() == null || component.getFirstChild().getNext() == null)) {
            problems.error(at(component), "'::: columns' needs two parts: an image (the first paragraph), then the text beside it");
        }
        for (Node inside : component.getDescendants()) {
            if (inside instanceof FencedCodeBlock fence && EventsFence.INFO.equals(fence.getInfo().toString().strip())) {
                // Events are placed between top-level blocks only; inside a component the fence would show as code.
                problems.error(at(inside), "an events block cannot stand inside '::: " + component.kind() + "'; put it after the ':::'");
            }
        }
    }

    private void checkLink(Node node, String url, String text, Diagnostics problems) {
        if (VAGUE_LINK_TEXT.contains(words(text))) {
            problems.warning(at(node), "link text '" + text + "' says nothing out of context; describe where it goes");
        }
        if (url.startsWith("http://")) {
            problems.warning(at(node), "insecure link " + url + "; use https:// if the site supports it");
        }
    }

    /** An event's description: only the raw HTML that must not reach the email, reported at the event. */
    static void lintDescription(Document description, SourcePosition event, Diagnostics problems) {
        for (Node node : description.getDescendants()) {
            if (node instanceof HtmlBlock || node instanceof HtmlInline) {
                forbiddenTags(node).forEach(tag -> problems.error(event, forbidden(tag) + " (in this event's description)"));
            }
        }
    }

    /** Lower case, letters and digits only, single spaces: the words a reader hears. */
    static String words(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** Only the link-scheme check, for an event's description: every finding at the description's own line. */
    static void lintLinkSchemes(Document description, SourcePosition at, Diagnostics problems) {
        for (Node node : description.getDescendants()) {
            for (String url : refusedUrls(node)) {
                problems.error(at, "link '" + printable(url) + "' in an event description dropped: only http:, https:, mailto: and tel: links reach readers");
            }
        }
    }

    /**
     * An error, not a warning: the link would be dropped from what readers get (only the words stay), so
     * the issue would silently differ from what was written; and a {@code javascript:} or {@code data:}
     * link pasted into a newsletter is a mistake or an attack, never something to send.
     */
    private void checkScheme(Node node, Diagnostics problems) {
        for (String url : refusedUrls(node)) {
            problems.error(at(node), "link '" + printable(url) + "' dropped: only http:, https:, mailto: and tel: links reach readers");
        }
    }

    /** The links of a node (a link, a reference definition, raw HTML) whose scheme {@link LinkSchemes} refuses. */
    private static List<String> refusedUrls(Node node) {
        List<String> urls;
        if (node instanceof Link || node instanceof Reference) {
            urls = List.of(((LinkNodeBase) node).getUrl().unescape());
        } else if (node instanceof AutoLink link) {
            urls = List.of(link.getUrl().unescape());
        } else if (node instanceof HtmlBlock || node instanceof HtmlInline) {
            urls = LinkSchemes.refusedIn(node.getChars().toString());
        } else {
            urls = List.of();
        }
        return urls.stream().filter(url -> !LinkSchemes.allowed(url)).toList();
    }

    /** The URL as one short line, control characters escaped, at most 80 characters. */
    private static String printable(String url) {
        String shown = TerminalText.escape(url);
        return shown.length() > 80 ? shown.substring(0, 80) + "…" : shown;
    }

    private void checkHtml(Node node, Diagnostics problems) {
        Element body = Jsoup.parseBodyFragment(node.getChars().toString()).body();
        for (Element img : body.select("img")) {
            if (!img.hasAttr("alt")) {
                problems.error(at(node), "<img src=\"" + img.attr("src") + "\"> has no alt attribute; describe the image (alt=\"\" if decorative)");
            }
            if (SvgImages.isSvg(img.attr("src"))) {
                problems.error(at(node), SvgImages.message(img.attr("src")));
            }
        }
        forbiddenTags(node).forEach(tag -> problems.error(at(node), forbidden(tag)));
    }

    private static Set<String> forbiddenTags(Node node) {
        Set<String> tags = new LinkedHashSet<>();
        for (Matcher tag = FORBIDDEN_TAG.matcher(node.getChars()); tag.find(); ) {
            tags.add(tag.group(1).toLowerCase(Locale.ROOT));
        }
        return tags;
    }

    private static String forbidden(String tag) {
        return "<" + tag + "> in the Markdown: mail clients block it and spam filters punish it;"
                + " it is left out of the email: link to the page instead";
    }

    private SourcePosition at(Node node) {
        return new SourcePosition(file, node.getStartLineNumber() + bodyFirstLine, 0);
    }
}
