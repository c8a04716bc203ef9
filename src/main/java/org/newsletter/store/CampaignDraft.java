package org.newsletter.store;

import java.util.Objects;
import org.newsletter.model.MailingList;
import org.newsletter.store.segment.Segment;

/**
 * What a new campaign is: the issue (its slug), the list, an optional segment (its text as the user
 * wrote it, and parsed), the subject, a hash of the rendered content, and the transport it goes through.
 */
public record CampaignDraft(String issue, MailingList list, String segmentText, Segment segment, String subject, String contentHash,
        String transport) {

    public CampaignDraft {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(list, "list");
        segmentText = segmentText == null ? "" : segmentText.strip();
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(transport, "transport");
    }
}
