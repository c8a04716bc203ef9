package org.newsletter.compose;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.DelimitedLinkNode;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.RefNode;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ast.WhiteSpace;
import com.vladsch.flexmark.ext.attributes.AttributesNode;
import com.vladsch.flexmark.ext.gfm.strikethrough.Strikethrough;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns inline Markdown (the content of a paragraph, heading or table cell) into running text for
 * {@link TextWrapper}.
 *
 * <p>Markup characters are dropped because a plain-text reader would see them literally; what
 * remains is the words, hard breaks as {@code '\n'}, and link targets as numbered references
 * glued to the last word of the link text so that a reference never starts a line on its own.
 */
final class InlineRenderer {

    private static final Pattern LINE_BREAK_TAG = Pattern.compile("(?i)<br\\s*/?>");
    private static final String MAILTO = "mailto:";

    private final LinkReferences links;

    InlineRenderer(LinkReferences links) {
        this.links = links;
    }

    /** Renders {@code node} itself, for callers handed an inline node rather than a block. */
    String render(Node node) {
        StringBuilder out = new StringBuilder();
        append(node, out);
        return out.toString();
    }

    /** Renders the inline children of a block such as a paragraph, heading or table cell. */
    String renderChildren(Node parent) {
        StringBuilder out = new StringBuilder();
        appendChildren(parent, out);
        return out.toString();
    }

    private void appendChildren(Node parent, StringBuilder out) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            append(child, out);
        }
    }

    private void append(Node node, StringBuilder out) {
        if (node instanceof Text || node instanceof HtmlEntity) {
            out.append(node.getChars().unescape());
        } else if (node instanceof SoftLineBreak || node instanceof WhiteSpace) {
            out.append(' ');
        } else if (node instanceof HardLineBreak) {
            out.append('\n');
        } else if (node instanceof Code code) {
            // Code spans have no escapes; a line ending inside one is a space (CommonMark 6.1).
            out.append(code.getText().toString().replaceAll("\\R", " "));
        } else if (node instanceof DelimitedLinkNode autoLink) {
            // AutoLink and MailLink: the text is the address itself, which is all the reader needs.
            out.append(autoLink.getText());
        } else if (node instanceof Image) {
            appendImage(node, out);
        } else if (node instanceof Link link) {
            appendLink(link, link.getUrl().unescape(), out);
        } else if (node instanceof RefNode ref) {
            appendReferenced(ref, out);
        } else if (node instanceof HtmlInlineBase) {
            appendHtml(node, out);
        } else if (node instanceof AttributesNode) {
            // {#id .class} only styles the HTML part.
        } else if (node instanceof Strikethrough) {
            // Struck-out text changes the meaning ("~~coming soon~~ now available"); keep the GFM marks.
            out.append("~~");
            appendChildren(node, out);
            out.append("~~");
        } else if (node.hasChildren()) {
            appendChildren(node, out); // Emphasis, StrongEmphasis, TextBase, ...
        } else {
            out.append(node.getChars().unescape());
        }
    }

    private void appendLink(Node link, String url, StringBuilder out) {
        String text = renderChildren(link).stripTrailing();
        String shown = TextWrapper.oneLine(text);
        if (!LinkSchemes.allowed(url)) {
            out.append(text); // as in the HTML part: the words stay, the link goes
        } else if (url.regionMatches(true, 0, MAILTO, 0, MAILTO.length())) {
            appendMailLink(text, shown, address(url), out);
        } else if (url.isEmpty()) {
            out.append(text);
        } else if (shown.isEmpty() || shown.equals(url)) {
            out.append(url);
        } else {
            out.append(text);
            appendGlued("[" + links.number(url) + "]", out);
        }
    }

    /** Mail addresses are short and meaningful, so they are shown inline instead of referenced. */
    private static void appendMailLink(String text, String shown, String address, StringBuilder out) {
        if (shown.isEmpty()) {
            out.append(address);
            return;
        }
        out.append(text);
        if (!shown.toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT))) {
            appendGlued("<" + address + ">", out);
        }
    }

    private static String address(String mailtoUrl) {
        String address = mailtoUrl.substring(MAILTO.length());
        int query = address.indexOf('?');
        return query < 0 ? address : address.substring(0, query);
    }

    private void appendImage(Node image, StringBuilder out) {
        String alt = TextWrapper.oneLine(renderChildren(image));
        out.append(alt.isEmpty() ? "[Image]" : "[Image:" + TextWrapper.GLUE + alt + "]");
    }

    /** Reference-style links and images; an undefined reference is literal text in CommonMark. */
    private void appendReferenced(RefNode ref, StringBuilder out) {
        Document document = ref.getDocument();
        Reference target = document == null ? null : ref.getReferenceNode(document);
        if (target == null) {
            appendLiteral(ref, out);
        } else if (ref instanceof ImageRef) {
            appendImage(ref, out);
        } else {
            appendLink(ref, target.getUrl().unescape(), out);
        }
    }

    private void appendLiteral(RefNode ref, StringBuilder out) {
        BasedSequence chars = ref.getChars();
        if (!ref.hasChildren()) {
            out.append(chars.unescape());
            return;
        }
        BasedSequence inner = ref.getChildChars();
        int start = inner.getStartOffset() - chars.getStartOffset();
        int end = inner.getEndOffset() - chars.getStartOffset();
        out.append(chars.subSequence(0, start).unescape());
        appendChildren(ref, out);
        out.append(chars.subSequence(end).unescape());
    }

    /** Inline HTML is a single tag or comment: a {@code <br>} keeps its meaning, the rest goes. */
    private static void appendHtml(Node html, StringBuilder out) {
        if (LINE_BREAK_TAG.matcher(html.getChars()).matches()) {
            out.append('\n');
        }
    }

    /** Appends {@code suffix} so that it cannot be separated from the word before it. */
    private static void appendGlued(String suffix, StringBuilder out) {
        boolean afterWord = out.length() > 0 && !Character.isWhitespace(out.charAt(out.length() - 1));
        if (afterWord) {
            out.append(TextWrapper.GLUE);
        }
        out.append(suffix);
    }
}
