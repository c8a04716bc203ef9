package org.newsletter.compose;

import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.html.MutableAttributes;
import java.util.Map;

/** Adds width and height to local images, scaled down to fit {@code maxWidth}. */
final class ImageSizeAttributes implements AttributeProvider {

    private final Map<String, org.newsletter.model.Image> localImages;
    private final int maxWidth;

    private ImageSizeAttributes(Map<String, org.newsletter.model.Image> localImages, int maxWidth) {
        this.localImages = localImages;
        this.maxWidth = maxWidth;
    }

    @Override
    public void setAttributes(Node node, AttributablePart part, MutableAttributes attributes) {
        if (!(node instanceof Image image)) {
            return;
        }
        if (attributes.contains("width")) {
            return;
        }
        boolean beside = inMediaColumn(image) && maxWidth < Integer.MAX_VALUE;
        int limit = beside ? ComponentHtml.MEDIA_WIDTH : maxWidth;
        org.newsletter.model.Image known = localImages.get(image.getUrl().toString());
        if (known == null || known.width() <= 0) {
            if (beside) {
                // Outlook for Windows ignores max-width: without a width a large remote picture would
                // push the text column off the page.
                attributes.replaceValue("width", Integer.toString(limit));
            }
            return;
        }
        int width = Math.min(known.width(), limit);
        int height = (int) Math.round((double) known.height() * width / known.width());
        attributes.replaceValue("width", Integer.toString(width));
        attributes.replaceValue("height", Integer.toString(height));
    }

    /** An image in the first block of a {@code ::: columns} block, which the email shows {@link ComponentHtml#MEDIA_WIDTH} wide. */
    private static boolean inMediaColumn(Node image) {
        Node block = image.getParent();
        while (block != null && !(block.getParent() instanceof ComponentBlock)) {
            block = block.getParent();
        }
        return block != null && block.getPrevious() == null && ((ComponentBlock) block.getParent()).is(ComponentBlock.COLUMNS);
    }

    static final class Factory extends IndependentAttributeProviderFactory {
        private final Map<String, org.newsletter.model.Image> localImages;
        private final int maxWidth;

        Factory(Map<String, org.newsletter.model.Image> localImages, int maxWidth) {
            this.localImages = localImages;
            this.maxWidth = maxWidth;
        }

        @Override
        public AttributeProvider apply(LinkResolverContext context) {
            return new ImageSizeAttributes(localImages, maxWidth);
        }
    }
}
