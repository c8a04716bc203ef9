package org.newsletter.compose;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererFactory;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.data.DataHolder;
import java.util.Set;

/** Renders an {@code events} fence as a marker the body is later cut at; other fences render as code. */
final class EventsFenceMarker implements NodeRenderer {

    /** An HTML comment nobody writes by hand; it never reaches the output. */
    static final String MARKER = "<!--newsletter:events-fence-->";

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(new NodeRenderingHandler<>(FencedCodeBlock.class, (node, context, html) -> {
            if (node.getParent() instanceof Document && EventsFence.INFO.equals(node.getInfo().toString().strip())) {
                html.raw(MARKER);
            } else {
                context.delegateRender();
            }
        }));
    }

    static final class Factory implements NodeRendererFactory {
        @Override
        public NodeRenderer apply(DataHolder options) {
            return new EventsFenceMarker();
        }
    }
}
