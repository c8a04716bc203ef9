package org.newsletter.model;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A composed issue: everything read from its folder, validated, with Markdown already rendered.
 *
 * @param folder         the issue folder
 * @param slug           the folder name, used in URLs
 * @param hero           the hero image, or null
 * @param blocks         the body in reading order
 * @param events         every event, in start order
 * @param unplaced       the events no {@code events} fence placed, in start order
 * @param linkReferences URLs the text part refers to as [1], [2]… in order
 * @param images         local images the body and hero use (paths relative to the folder)
 */
public record Issue(
        Path folder,
        String slug,
        String title,
        LocalDate date,
        String subject,
        String preheader,
        Image hero,
        Locale language,
        ZoneId timeZone,
        List<Block> blocks,
        List<Event> events,
        List<Event> unplaced,
        List<String> linkReferences,
        List<Image> images) {

    public Issue {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(date, "date");
        subject = subject == null || subject.isBlank() ? title : subject;
        preheader = preheader == null ? "" : preheader;
        blocks = List.copyOf(blocks);
        events = List.copyOf(events);
        unplaced = List.copyOf(unplaced);
        linkReferences = List.copyOf(linkReferences);
        images = List.copyOf(images);
    }
}
