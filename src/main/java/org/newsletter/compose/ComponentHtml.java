package org.newsletter.compose;

import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.LinkType;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRendererFactory;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import java.util.List;
import java.util.Set;

/**
 * The HTML of the components: buttons, callouts, columns and dividers. In the email they are layout
 * tables, because Outlook for Windows lays out with Word, which ignores most CSS on {@code <div>} and
 * {@code <a>}; colours and fonts come from the template's style sheet through the classes named here,
 * so the brand applies. The web version, a normal page, gets plain {@code <div>}s.
 */
final class ComponentHtml implements NodeRenderer {

    /** Width of the image column's picture; with {@link #GUTTER} and {@link #TEXT_COLUMN} it fills the 552 px column. */
    static final int MEDIA_WIDTH = 200;
    static final int GUTTER = 16;
    static final int TEXT_COLUMN = HtmlFlavour.EMAIL_CONTENT_WIDTH - MEDIA_WIDTH - GUTTER;

    private static final String LAYOUT_TABLE = " role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"";

    private final boolean email;

    private ComponentHtml(boolean email) {
        this.email = email;
    }

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(
                new NodeRenderingHandler<>(ComponentBlock.class, this::component),
                new NodeRenderingHandler<>(Paragraph.class, this::paragraph),
                new NodeRenderingHandler<>(ThematicBreak.class, this::divider));
    }

    private void component(ComponentBlock block, NodeRendererContext context, HtmlWriter html) {
        if (block.is(ComponentBlock.CALLOUT)) {
            callout(block, context, html);
        } else if (block.is(ComponentBlock.COLUMNS) && block.getFirstChild() != null) {
            columns(block, context, html);
        } else {
            context.renderChildren(block); // an unknown name: the content as if unwrapped (lint reports it)
        }
    }

    private void callout(ComponentBlock block, NodeRendererContext context, HtmlWriter html) {
        html.line();
        if (email) {
            html.raw("<table" + LAYOUT_TABLE + " class=\"callout\" width=\"100%\"><tr><td class=\"callout-cell\">").line();
            context.renderChildren(block);
            html.line().raw("</td></tr></table>").line();
        } else {
            html.raw("<div class=\"callout\">").line();
            context.renderChildren(block);
            html.line().raw("</div>").line();
        }
    }

    /**
     * The first block beside the rest. In the email this is the "hybrid" layout: two inline-block
     * {@code <div>}s whose max-widths add up to the column, so they sit side by side where the column
     * is 552 px wide and wrap one under the other on a phone, with no media query (Gmail's apps ignore
     * some); Outlook for Windows, which knows neither inline-block nor max-width, gets a two-cell
     * "ghost" table inside conditional comments instead.
     */
    private void columns(ComponentBlock block, NodeRendererContext context, HtmlWriter html) {
        Node first = block.getFirstChild();
        html.line();
        if (!email) {
            html.raw("<div class=\"columns\"><div class=\"column column-media\">").line();
            context.render(first);
            html.line().raw("</div><div class=\"column column-text\">").line();
            renderFrom(first.getNext(), context);
            html.line().raw("</div></div>").line();
            return;
        }
        int mediaColumn = MEDIA_WIDTH + GUTTER;
        // font-size:0 on the cell: the white space between the two inline-blocks would otherwise take a
        // few pixels and push the second one under the first at full width.
        html.raw("<table" + LAYOUT_TABLE + " class=\"columns\" width=\"100%\"><tr><td class=\"columns-cell\" style=\"font-size:0\">");
        html.raw("<!--[if mso]><table" + LAYOUT_TABLE + " width=\"" + HtmlFlavour.EMAIL_CONTENT_WIDTH + "\"><tr><td width=\""
                + mediaColumn + "\" valign=\"top\"><![endif]-->");
        html.raw("<div class=\"column column-media\" style=\"display:inline-block;width:100%;max-width:" + mediaColumn
                + "px;vertical-align:top\"><div class=\"column-media-inner\">").line();
        context.render(first);
        html.line().raw("</div></div>");
        html.raw("<!--[if mso]></td><td width=\"" + TEXT_COLUMN + "\" valign=\"top\"><![endif]-->");
        html.raw("<div class=\"column column-text\" style=\"display:inline-block;width:100%;max-width:" + TEXT_COLUMN
                + "px;vertical-align:top\">").line();
        renderFrom(first.getNext(), context);
        html.line().raw("</div>");
        html.raw("<!--[if mso]></td></tr></table><![endif]-->");
        html.raw("</td></tr></table>").line();
    }

    private static void renderFrom(Node node, NodeRendererContext context) {
        for (Node next = node; next != null; next = next.getNext()) {
            context.render(next);
        }
    }

    /**
     * A paragraph of buttons. In the email each is a one-cell table: the cell carries the colour (Word
     * paints a cell's background, not a link's) and, for Outlook only, the padding (mso-padding-alt); the
     * link carries the padding elsewhere, so the whole button is clickable. A link whose scheme is refused
     * ({@link LinkSchemes}) keeps its words and loses its target, like any link: no button without one.
     */
    private void paragraph(Paragraph paragraph, NodeRendererContext context, HtmlWriter html) {
        List<Link> buttons = ButtonLinks.of(paragraph);
        if (buttons.isEmpty()) {
            context.delegateRender();
            return;
        }
        html.line();
        if (!email) {
            webButtons(buttons, context, html);
            return;
        }
        for (Link link : buttons) {
            String url = link.getUrl().unescape();
            if (!LinkSchemes.allowed(url) || url.isEmpty()) {
                html.raw("<p>");
                context.renderChildren(link);
                html.raw("</p>").line();
                continue;
            }
            String href = context.resolveLink(LinkType.LINK, url, null, null).getUrl();
            html.raw("<table" + LAYOUT_TABLE + " class=\"cta\"><tr><td class=\"cta-cell\">");
            html.attr("href", href).attr("class", "cta-link").withAttr().tag("a");
            context.renderChildren(link);
            html.tag("/a");
            html.raw("</td></tr></table>").line();
        }
    }

    /** On the web page a styled link does; a refused one is its words, not a button that goes nowhere. */
    private static void webButtons(List<Link> buttons, NodeRendererContext context, HtmlWriter html) {
        html.raw("<p class=\"buttons\">");
        for (Link link : buttons) {
            if (link != buttons.get(0)) {
                html.raw(" ");
            }
            String url = link.getUrl().unescape();
            if (!LinkSchemes.allowed(url) || url.isEmpty()) {
                context.renderChildren(link);
            } else {
                html.attr("href", context.resolveLink(LinkType.LINK, url, null, null).getUrl()).attr("class", ButtonLinks.CLASS)
                        .withAttr().tag("a");
                context.renderChildren(link);
                html.tag("/a");
            }
        }
        html.raw("</p>").line();
    }

    /** A rule Outlook draws as a thin line: the top border of an empty cell (it draws {@code <hr>} with 3D edges). */
    private void divider(ThematicBreak rule, NodeRendererContext context, HtmlWriter html) {
        if (!email) {
            context.delegateRender();
            return;
        }
        html.line().raw("<table" + LAYOUT_TABLE + " class=\"divider\" width=\"100%\"><tr><td class=\"divider-space\"><table"
                + LAYOUT_TABLE + " width=\"100%\"><tr><td class=\"divider-line\">&nbsp;</td></tr></table></td></tr></table>").line();
    }

    static final class Factory implements NodeRendererFactory {
        private final boolean email;

        private Factory(boolean email) {
            this.email = email;
        }

        static Factory email() {
            return new Factory(true);
        }

        static Factory web() {
            return new Factory(false);
        }

        @Override
        public NodeRenderer apply(DataHolder options) {
            return new ComponentHtml(email);
        }
    }
}
