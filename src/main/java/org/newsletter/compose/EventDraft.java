package org.newsletter.compose;

import java.time.ZonedDateTime;
import java.util.List;
import org.newsletter.model.SourcePosition;

/** An event as read and validated from events.yaml, before its description Markdown is rendered. */
record EventDraft(
        String id,
        String title,
        ZonedDateTime start,
        ZonedDateTime end,
        String location,
        String url,
        String button,
        String description,
        List<String> tags,
        SourcePosition position,
        SourcePosition descriptionPosition) {
}
