package org.newsletter.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One issue sent to one list (and segment). Sending the same issue to the same list and segment again
 * resumes this campaign instead of starting another.
 *
 * @param contentHash what the issue rendered to when the campaign began, so a resume can tell that
 *     the issue was edited in between
 * @param audience    how many people the campaign was for when it began
 */
public record Campaign(
        long id,
        String issue,
        String listSlug,
        String segment,
        String subject,
        String contentHash,
        String transport,
        long audience,
        boolean finished,
        Instant createdAt,
        Instant finishedAt) {

    public Campaign {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(listSlug, "listSlug");
        segment = segment == null ? "" : segment;
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** What Message-IDs of this campaign are derived from: stable for the campaign's whole life. */
    public String messageKey() {
        return "campaign/" + id + "/" + issue;
    }
}
