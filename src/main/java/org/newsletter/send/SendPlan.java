package org.newsletter.send;

import java.nio.file.Path;
import org.newsletter.config.SendingSettings;
import org.newsletter.model.Campaign;
import org.newsletter.model.MailingList;
import org.newsletter.render.RenderedIssue;
import org.newsletter.store.CampaignDraft;
import org.newsletter.store.CampaignRepository;

/**
 * Everything decided before anything is sent, shown to the user to confirm: the issue and its
 * rendering, the list and segment, who it goes to, and how.
 *
 * @param existing  the campaign this send resumes, or null for a new one
 * @param audience  for a new campaign, who would get it now; for a resumed one, null
 */
public record SendPlan(
        Path issueFolder,
        RenderedIssue rendered,
        MailingList list,
        CampaignDraft draft,
        Campaign existing,
        CampaignRepository.AudiencePreview audience,
        String transport,
        SendingSettings.Rate rate,
        int connections) {

    public String issueSlug() {
        return draft.issue();
    }

    public boolean resumes() {
        return existing != null;
    }
}
