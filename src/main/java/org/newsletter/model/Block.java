package org.newsletter.model;

import java.util.List;

/**
 * A piece of an issue's body in reading order: either prose from the Markdown, or a place where the
 * author put an {@code events} fence. Templates walk the blocks so events appear where they were placed.
 */
public sealed interface Block permits Block.Prose, Block.Events {

    /**
     * Markdown rendered once per issue for each output.
     *
     * @param emailHtml HTML with absolute image URLs (mail clients cannot resolve relative ones)
     * @param webHtml   HTML with image paths relative to the web page
     * @param text      plain text for the text/plain part, links as numbered references
     */
    record Prose(String emailHtml, String webHtml, String text) implements Block {
    }

    /** The events selected by one {@code events} fence. */
    record Events(List<Event> events) implements Block {
        public Events {
            events = List.copyOf(events);
        }
    }
}
