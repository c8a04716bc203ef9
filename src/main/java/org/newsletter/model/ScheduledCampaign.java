package org.newsletter.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A send recorded for later ({@code send --at}): the issue, list and segment, the content that was checked
 * and confirmed, and when it goes. It becomes a {@link Campaign} (which fixes the audience) when it starts.
 *
 * @param status     scheduled, started, cancelled or failed
 * @param campaignId the campaign it became, once started
 * @param problem    why it did not start, when failed
 */
public record ScheduledCampaign(long id, String issue, String listSlug, String segment, String subject, String contentHash, Instant sendAt,
        String status, Long campaignId, String problem, String createdBy, Instant createdAt) {

    public ScheduledCampaign {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(listSlug, "listSlug");
        segment = segment == null ? "" : segment;
        Objects.requireNonNull(sendAt, "sendAt");
        Objects.requireNonNull(status, "status");
        problem = problem == null ? "" : problem;
    }

    public boolean pending() {
        return "scheduled".equals(status);
    }
}
