package org.newsletter.model;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One event of an issue, with its instants fixed in its time zone. Text such as weekdays is never
 * stored: it is generated from {@code start} and {@code end} when rendering, so it cannot disagree.
 *
 * @param descriptionHtml the description's Markdown rendered to HTML (trusted: it came through Flexmark)
 * @param descriptionText the same as plain text
 */
public record Event(
        String id,
        String title,
        ZonedDateTime start,
        ZonedDateTime end,
        String location,
        String url,
        String button,
        String descriptionHtml,
        String descriptionText,
        List<String> tags,
        SourcePosition position) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        location = location == null ? "" : location;
        url = url == null ? "" : url;
        // Empty: the template's default ("Register" in the language) from the message bundle.
        button = button == null ? "" : button.strip();
        descriptionHtml = descriptionHtml == null ? "" : descriptionHtml;
        descriptionText = descriptionText == null ? "" : descriptionText;
        tags = List.copyOf(tags == null ? List.of() : tags);
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
