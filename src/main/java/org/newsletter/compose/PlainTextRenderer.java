package org.newsletter.compose;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.BulletListItem;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jsoup.Jsoup;

/**
 * Renders Markdown (a Flexmark AST) as readable plain text wrapped at a width (78 for email,
 * RFC 5322 recommends lines of at most 78 characters).
 *
 * <p>This is the text/plain alternative of a newsletter: readers of it use clients that show the
 * text as is, so the structure must be visible without markup. Headings are underlined, lists
 * and quotes keep their conventional markers with hanging indents, and links become numbered
 * references collected in the shared {@link LinkReferences} (the caller lists the URLs).
 *
 * <p>Every block is rendered to lines for the width left to it; containers (lists, quotes) then
 * put their markers in front of their children's lines. A last pass removes trailing spaces and
 * repeated blank lines so the invariants hold whatever the input.
 *
 * <p>An instance holds no per-call state besides the link numbers, so it may render several
 * fragments of one message in turn.
 */
public final class PlainTextRenderer {

    private static final String BULLET = "  * ";
    private static final String QUOTE = "> ";
    private static final String CALLOUT = "| ";
    private static final String MAILTO = "mailto:";
    private static final String CODE_INDENT = "    ";

    private final int width;
    private final InlineRenderer inline;
    private final TableRenderer tables;

    /**
     * @param links collects the targets of the links rendered, shared with whoever lists them
     * @param width the maximum line length in columns, at least 1
     */
    public PlainTextRenderer(LinkReferences links, int width) {
        Objects.requireNonNull(links, "links");
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive: " + width);
        }
        this.width = width;
        this.inline = new InlineRenderer(links);
        this.tables = new TableRenderer(inline);
    }

    /**
     * Renders a node: usually a Document, but any block (or even an inline node, as a paragraph)
     * works. Reference-style links resolve only while the node is still attached to its Document.
     *
     * @return the text, lines separated and ended by {@code '\n'}
     */
    public String render(Node node) {
        Objects.requireNonNull(node, "node");
        return finish(block(node, width));
    }

    /** Renders a sequence of top-level nodes as consecutive blocks. */
    public String render(List<? extends Node> nodes) {
        Objects.requireNonNull(nodes, "nodes");
        return finish(blocks(nodes, width, true));
    }

    private List<String> block(Node node, int width) {
        List<Link> buttons = ButtonLinks.of(node);
        if (!buttons.isEmpty()) {
            return buttons(buttons, width);
        } else if (node instanceof ComponentBlock component) {
            return component(component, width);
        } else if (node instanceof Paragraph) {
            return TextWrapper.wrap(inline.renderChildren(node), width);
        } else if (node instanceof Heading heading) {
            return heading(heading, width);
        } else if (node instanceof ListBlock list) {
            return list(list, width);
        } else if (node instanceof ListItem item) {
            return item(item, markerOf(item), !item.isInTightList(), width);
        } else if (node instanceof BlockQuote) {
            return quote(node, width);
        } else if (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock) {
            return code(((Block) node).getContentChars().toString());
        } else if (node instanceof ThematicBreak) {
            return List.of("-".repeat(Math.max(1, width / 2)));
        } else if (node instanceof HtmlBlockBase) {
            return TextWrapper.wrap(Jsoup.parse(node.getChars().toString()).text(), width);
        } else if (node instanceof TableBlock table) {
            return tables.render(table, width);
        } else if (node instanceof Reference) {
            return List.of(); // its URL is shown where a link uses it
        } else if (!(node instanceof Block)) {
            return TextWrapper.wrap(inline.render(node), width);
        } else if (node.hasChildren() && !hasBlockChild(node)) {
            return TextWrapper.wrap(inline.renderChildren(node), width); // unknown leaf block
        }
        return blocks(children(node), width, true); // Document and unknown containers
    }

    /** Renders blocks one after the other, with a blank line between them unless tight. */
    private List<String> blocks(List<? extends Node> nodes, int width, boolean blankBetween) {
        List<String> lines = new ArrayList<>();
        for (Node node : nodes) {
            List<String> rendered = block(node, width);
            if (rendered.isEmpty()) {
                continue;
            }
            if (blankBetween && !lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(rendered);
        }
        return lines;
    }

    /**
     * A button is its words and its target on one line, "Sign up: https://…" (on two when that is too
     * long), like an event's button; a mail link shows the address. A refused link keeps only its words.
     */
    private List<String> buttons(List<Link> buttons, int width) {
        List<String> lines = new ArrayList<>();
        for (Link link : buttons) {
            String label = TextWrapper.oneLine(inline.renderChildren(link)).strip();
            String url = link.getUrl().unescape();
            if (!LinkSchemes.allowed(url) || url.isEmpty()) {
                lines.addAll(TextWrapper.wrap(label, width));
                continue;
            }
            String target = url.regionMatches(true, 0, MAILTO, 0, MAILTO.length()) ? url.substring(MAILTO.length()) : url;
            String line = label + ": " + target;
            if (DisplayWidth.of(line) <= width) {
                lines.add(line);
            } else {
                lines.add(label + ":");
                lines.add(target); // a URL is never broken: a reader copies it whole
            }
        }
        return lines;
    }

    /**
     * A callout is set off by a bar down its left side ("| "), which quotes do not use; columns are
     * read one after the other, the image first.
     */
    private List<String> component(ComponentBlock component, int width) {
        if (!component.is(ComponentBlock.CALLOUT)) {
            return blocks(children(component), width, true);
        }
        List<String> content = blocks(children(component), Math.max(1, width - CALLOUT.length()), true);
        return prefixed(content, CALLOUT, CALLOUT);
    }

    /** Setext-style underlines are the plain-text convention mail readers recognise. */
    private List<String> heading(Heading heading, int width) {
        List<String> lines = new ArrayList<>(TextWrapper.wrap(inline.renderChildren(heading), width));
        char underline = heading.getLevel() == 1 ? '=' : heading.getLevel() == 2 ? '-' : 0;
        if (underline != 0 && !lines.isEmpty()) {
            int longest = lines.stream().mapToInt(DisplayWidth::of).max().orElse(0);
            lines.add(String.valueOf(underline).repeat(longest));
        }
        return lines;
    }

    private List<String> list(ListBlock list, int width) {
        List<ListItem> items = new ArrayList<>();
        for (Node child : children(list)) {
            if (child instanceof ListItem item) {
                items.add(item);
            }
        }
        List<String> markers = list instanceof OrderedList ordered
                ? numberMarkers(ordered, items.size())
                : Collections.nCopies(items.size(), BULLET);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (list.isLoose() && !lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(item(items.get(i), markers.get(i), list.isLoose(), width));
        }
        return lines;
    }

    /** Numbers are right-aligned so that all items' text starts in the same column. */
    private static List<String> numberMarkers(OrderedList list, int count) {
        List<String> labels = new ArrayList<>();
        int longest = 0;
        for (int i = 0; i < count; i++) {
            String label = (list.getStartNumber() + i) + String.valueOf(list.getDelimiter());
            labels.add(label);
            longest = Math.max(longest, label.length());
        }
        List<String> markers = new ArrayList<>();
        for (String label : labels) {
            markers.add("  " + " ".repeat(longest - label.length()) + label + " ");
        }
        return markers;
    }

    /** The marker of an item rendered on its own, outside of {@link #list}. */
    private static String markerOf(ListItem item) {
        if (item instanceof BulletListItem || !(item.getParent() instanceof OrderedList list)) {
            return BULLET;
        }
        int index = 0;
        for (Node sibling = item.getPrevious(); sibling != null; sibling = sibling.getPrevious()) {
            index++;
        }
        return "  " + (list.getStartNumber() + index) + list.getDelimiter() + " ";
    }

    /** The item's blocks with the marker on the first line and a hanging indent on the rest. */
    private List<String> item(ListItem item, String marker, boolean loose, int width) {
        int contentWidth = Math.max(1, width - marker.length());
        List<String> content = blocks(children(item), contentWidth, loose);
        return prefixed(content, marker, " ".repeat(marker.length()));
    }

    private List<String> quote(Node quote, int width) {
        List<String> content = blocks(children(quote), Math.max(1, width - QUOTE.length()), true);
        return prefixed(content, QUOTE, QUOTE);
    }

    /** Code keeps its line breaks and spacing; wrapping it would change its meaning. */
    private static List<String> code(String content) {
        List<String> lines = new ArrayList<>();
        for (String line : content.split("\\R", -1)) {
            lines.add(line.isBlank() ? "" : CODE_INDENT + line);
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the content ends with a line break
        }
        return lines;
    }

    /**
     * Puts {@code first} before the first line and {@code rest} before the others; blank lines
     * get the prefix without its trailing spaces, so a quote keeps its {@code >} on them.
     */
    private static List<String> prefixed(List<String> lines, String first, String rest) {
        if (lines.isEmpty()) {
            return List.of(first.stripTrailing());
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String prefix = i == 0 ? first : rest;
            String line = lines.get(i);
            result.add(line.isEmpty() ? prefix.stripTrailing() : prefix + line);
        }
        return result;
    }

    private static boolean hasBlockChild(Node node) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Block) {
                return true;
            }
        }
        return false;
    }

    private static List<Node> children(Node parent) {
        List<Node> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            children.add(child);
        }
        return children;
    }

    /**
     * Enforces the output contract: no trailing spaces, at most one blank line in a row, no blank
     * lines at either end, and exactly one final newline.
     */
    private static String finish(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean pendingBlank = false;
        for (String line : lines) {
            String stripped = line.stripTrailing();
            if (stripped.isEmpty()) {
                pendingBlank = out.length() > 0;
                continue;
            }
            if (pendingBlank) {
                out.append('\n');
                pendingBlank = false;
            }
            out.append(stripped).append('\n');
        }
        return out.length() == 0 ? "\n" : out.toString();
    }
}
