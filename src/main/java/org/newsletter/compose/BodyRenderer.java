package org.newsletter.compose;

import com.vladsch.flexmark.util.ast.Node;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsletter.model.Block;
import org.newsletter.model.Event;
import org.newsletter.model.Image;

/**
 * Renders body prose and event descriptions in reading order, so that the text part's numbered link
 * references run 1, 2, 3… down the page. Each event is rendered once however often it is shown.
 */
final class BodyRenderer {

    private final MarkdownParser markdown;
    private final HtmlFlavour email;
    private final HtmlFlavour web;
    private final LinkReferences links = new LinkReferences();
    private final PlainTextRenderer text;
    private final Map<EventDraft, Event> rendered = new HashMap<>();

    BodyRenderer(MarkdownParser markdown, URI imageBase, Map<String, Image> images, int width) {
        this.markdown = markdown;
        this.email = HtmlFlavour.email(markdown, imageBase, images);
        this.web = HtmlFlavour.web(markdown, images);
        this.text = new PlainTextRenderer(links, width);
    }

    Optional<Block> prose(List<Node> nodes) {
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder emailHtml = new StringBuilder();
        StringBuilder webHtml = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        for (Node node : nodes) {
            emailHtml.append(email.render(node));
            webHtml.append(web.render(node));
            String part = text.render(node).strip();
            if (!part.isEmpty()) {
                if (plain.length() > 0) {
                    plain.append("\n\n");
                }
                plain.append(part);
            }
        }
        return Optional.of(new Block.Prose(emailHtml.toString(), webHtml.toString(), plain.toString()));
    }

    List<Event> events(List<EventDraft> drafts) {
        return drafts.stream().map(d -> rendered.computeIfAbsent(d, this::render)).toList();
    }

    List<String> linkReferences() {
        return links.urls();
    }

    private Event render(EventDraft draft) {
        String html = "";
        String plain = "";
        if (draft.description() != null && !draft.description().isBlank()) {
            Node description = markdown.parse(draft.description());
            html = email.render(description);
            plain = text.render(description).strip();
        }
        return new Event(draft.id(), draft.title(), draft.start(), draft.end(), draft.location(), draft.url(),
                draft.button(), html, plain, draft.tags(), draft.position());
    }
}
