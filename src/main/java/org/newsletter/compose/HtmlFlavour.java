package org.newsletter.compose;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentLinkResolverFactory;
import com.vladsch.flexmark.html.LinkResolver;
import com.vladsch.flexmark.html.renderer.LinkResolverBasicContext;
import com.vladsch.flexmark.html.renderer.LinkType;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.util.List;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.newsletter.model.Image;

/**
 * Renders Markdown to HTML for one destination. Email needs absolute image URLs (a mail client has
 * no base to resolve "images/x.jpg" against) and explicit widths (Outlook ignores CSS max-width);
 * the web page keeps relative paths so a built folder can be opened from disk.
 */
final class HtmlFlavour {

    /** Content width of the email column: 600 px minus padding. Images wider than this are scaled in the markup. */
    static final int EMAIL_CONTENT_WIDTH = 552;

    private static final Pattern WHOLE_ELEMENT = Pattern.compile("(?is)<\\s*(script|iframe|object)\\b.*?<\\s*/\\s*\\1\\s*>");

    private final HtmlRenderer renderer;

    private HtmlFlavour(HtmlRenderer renderer) {
        this.renderer = renderer;
    }

    /** For email: local image sources become {@code imageBase + source}, with width/height attributes when known. */
    static HtmlFlavour email(MarkdownParser markdown, URI imageBase, Map<String, Image> localImages) {
        HtmlRenderer renderer = HtmlRenderer.builder(markdown.options())
                .linkResolverFactory(new ImageBaseResolver(imageBase))
                .nodeRendererFactory(new EventsFenceMarker.Factory())
                .nodeRendererFactory(ComponentHtml.Factory.email())
                .attributeProviderFactory(new ImageSizeAttributes.Factory(localImages, EMAIL_CONTENT_WIDTH))
                .build();
        return new HtmlFlavour(renderer);
    }

    /** For the web page: sources as written, sizes so the page does not jump while images load. */
    static HtmlFlavour web(MarkdownParser markdown, Map<String, Image> localImages) {
        HtmlRenderer renderer = HtmlRenderer.builder(markdown.options())
                .attributeProviderFactory(new ImageSizeAttributes.Factory(localImages, Integer.MAX_VALUE))
                .nodeRendererFactory(new EventsFenceMarker.Factory())
                .nodeRendererFactory(ComponentHtml.Factory.web())
                .build();
        return new HtmlFlavour(renderer);
    }

    /** The HTML of a node, without links whose scheme is not allowed ({@link LinkSchemes}). */
    String render(Node node) {
        return LinkSchemes.drop(withoutForbiddenElements(renderer.render(node)));
    }

    /**
     * Raw {@code <script>}, {@code <iframe>}, {@code <object>} (with what they hold), {@code <embed>}
     * and {@code <form>} tags taken out: check reports them as errors, and even a preview of an issue
     * with errors must not carry them.
     */
    static String withoutForbiddenElements(String html) {
        if (!MarkdownLint.FORBIDDEN_TAG.matcher(html).find()) {
            return html;
        }
        return WHOLE_ELEMENT.matcher(html).replaceAll("").replaceAll("(?i)<\\s*/?\\s*(?:script|iframe|form|object|embed)\\b[^>]*>", "");
    }

    /**
     * Renders the whole document and cuts it at each {@code events} fence. The document is rendered as
     * a whole because Flexmark renders links only when it renders from the Document (a paragraph on
     * its own loses its {@code <a>} tags); returns fences + 1 pieces.
     */
    List<String> renderAroundFences(Document document) {
        return List.of(LinkSchemes.drop(withoutForbiddenElements(renderer.render(document))).split(EventsFenceMarker.MARKER, -1));
    }

    /** Rewrites relative image URLs against a base; leaves absolute ones and links alone. */
    private static final class ImageBaseResolver extends IndependentLinkResolverFactory {
        private final URI base;

        ImageBaseResolver(URI base) {
            this.base = base;
        }

        @Override
        public LinkResolver apply(LinkResolverBasicContext context) {
            return (node, ctx, link) -> link.getLinkType() == LinkType.IMAGE && isRelative(link.getUrl())
                    ? link.withUrl(base.resolve(link.getUrl()).toString())
                    : link;
        }

        private static boolean isRelative(String url) {
            return !url.contains("://") && !url.startsWith("data:") && !url.startsWith("/") && !url.startsWith("mailto:");
        }
    }

}
