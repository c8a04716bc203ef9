package org.newsletter.send;

import java.time.Clock;
import org.newsletter.mail.MessageSigner;
import org.newsletter.message.PersonalLinks;
import org.newsletter.model.Campaign;
import org.newsletter.model.Site;
import org.newsletter.model.UserInputException;
import org.newsletter.store.CampaignDraft;
import org.newsletter.store.DeliveryClaim;

/**
 * Builds one message of a campaign that is not yet recorded, addressed to the sender, to learn
 * whether the parts every message shares (headers, body, signature) can be built at all. A failure
 * there would fail every recipient; one recipient's own values fail only their row when the campaign runs.
 */
final class FirstMessage {

    private final Site site;
    private final Clock clock;

    FirstMessage(Site site, Clock clock) {
        this.site = site;
        this.clock = clock;
    }

    void build(SendPlan plan, PersonalLinks links, MessageSigner signer) {
        CampaignDraft draft = plan.draft();
        Campaign unrecorded = new Campaign(0, draft.issue(), plan.list().slug(), draft.segmentText(), draft.subject(), draft.contentHash(),
                plan.transport(), 0, false, clock.instant(), null);
        try {
            new BuiltMessages(site, plan.rendered(), unrecorded, plan.list(), links, signer, clock)
                    .make(new DeliveryClaim(0, 0, site.sender().address(), "", 1));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("not sent, and no campaign recorded: the message cannot be built: " + e.getMessage());
        }
    }
}
