package org.newsletter.web;

import java.time.Instant;
import org.newsletter.model.Issue;
import org.newsletter.render.RenderedIssue;

/** A sent issue as the archive shows it: rendered, with the time its first campaign began. */
record ArchivedIssue(String slug, Instant firstSent, RenderedIssue rendered) {

    Issue issue() {
        return rendered.issue();
    }
}
