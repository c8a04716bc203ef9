package org.newsletter.compose;

import com.vladsch.flexmark.util.ast.Document;
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
    private final List<String> emailChunks;
    private final List<String> webChunks;

    BodyRenderer(MarkdownParser markdown, Document body, URI imageBase, Map<String, Image> images, int width) {
        this.markdown = markdown;
        this.email = HtmlFlavour.email(markdown, imageBase, images);
        this.web = HtmlFlavour.web(markdown, images);
        this.text = new PlainTextRenderer(links, width);
        this.emailChunks = email.renderAroundFences(body);
        this.webChunks = web.renderAroundFences(body);
    }

    /**
     * The prose between events fence {@code chunk - 1} and fence {@code chunk}; {@code nodes} are its
     * top-level Markdown nodes, for the text part. Empty when there is nothing between two fences.
     */
    Optional<Block> prose(int chunk, List<Node> nodes) {
        String emailHtml = emailChunks.get(chunk);
        String webHtml = webChunks.get(chunk);
        StringBuilder plain = new StringBuilder();
        for (Node node : nodes) {
            String part = stripBlankLines(text.render(node));
            if (!part.isEmpty()) {
                if (plain.length() > 0) {
                    plain.append("\n\n");
                }
                plain.append(part);
            }
        }
        if (emailHtml.isBlank() && plain.length() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Block.Prose(emailHtml, webHtml, plain.toString()));
    }

    List<Event> events(List<EventDraft> drafts) {
        return drafts.stream().map(d -> rendered.computeIfAbsent(d, this::render)).toList();
    }

    List<String> linkReferences() {
        return links.urls();
    }

    /** Removes blank lines around a rendered block but keeps the first line's indent (list items start with "  * "). */
    private static String stripBlankLines(String text) {
        return text.replaceFirst("^(?:[ \\t]*\\n)+", "").stripTrailing();
    }

    private Event render(EventDraft draft) {
        String html = "";
        String plain = "";
        if (draft.description() != null && !draft.description().isBlank()) {
            Node description = markdown.parse(draft.description());
            html = email.render(description);
            plain = stripBlankLines(text.render(description));
        }
        return new Event(draft.id(), draft.title(), draft.start(), draft.end(), draft.location(), draft.url(),
                draft.button(), html, plain, draft.tags(), draft.position());
    }
}
