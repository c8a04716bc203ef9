package org.newsletter.compose;

import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.attributes.AttributeNode;
import com.vladsch.flexmark.ext.attributes.AttributesNode;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Links written {@code [Sign up](https://…){.button}}: Flexmark's attributes extension gives the link
 * the class (the braces follow the link with no space), and a paragraph made of nothing but such links
 * is laid out as buttons. A {@code .button} link inside running text stays an ordinary link (a button
 * in the middle of a sentence would break it apart); lint says so.
 */
final class ButtonLinks {

    static final String CLASS = "button";

    private ButtonLinks() {
    }

    /** True for a link followed directly by {@code {.button}}. */
    static boolean isButton(Node node) {
        if (!(node instanceof Link link) || !(link.getNext() instanceof AttributesNode attributes)
                || attributes.getStartOffset() != link.getEndOffset()) {
            return false;
        }
        for (Node child = attributes.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof AttributeNode attribute && attribute.isClass()
                    && List.of(attribute.getValue().toString().split("\\s+")).contains(CLASS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The buttons of a paragraph that holds only buttons (and the spaces or line breaks between them);
     * empty for any other paragraph.
     */
    static List<Link> of(Node node) {
        if (!(node instanceof Paragraph paragraph)) {
            return List.of();
        }
        List<Link> buttons = new ArrayList<>();
        for (Node child = paragraph.getFirstChild(); child != null; child = child.getNext()) {
            if (isButton(child)) {
                buttons.add((Link) child);
                child = child.getNext(); // its {.button}
            } else if (!(child instanceof SoftLineBreak) && !(child instanceof Text && child.getChars().isBlank())) {
                return List.of();
            }
        }
        return buttons;
    }
}
