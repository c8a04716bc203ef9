package org.newsletter.web.preview;

import org.newsletter.issue.IssuePipeline;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.message.CampaignMessages;
import org.newsletter.model.Recipient;

/**
 * Who the preview is rendered for: the sample reader of {@code build}, or a subscriber from the store
 * with their own name and signed links, on one of their lists.
 *
 * @param recipient    name, address and unsubscribe URL, as the message's slots get them
 * @param listSlug     the list the message would come from (its List-Id)
 * @param mailto       the {@code mailto:} unsubscribe of List-Unsubscribe; null for the sample's own
 * @param envelopeFrom the SMTP envelope sender (VERP when bounces are tracked); null for the sample's own
 * @param description  one line saying who this is, for the page
 */
record Reader(Recipient recipient, String listSlug, String mailto, String envelopeFrom, String description) {

    /** The message as send would build it for this reader, as the preview's campaign {@code key}. */
    OutgoingMessage message(IssuePipeline pipeline, CampaignMessages campaign, String key) {
        return mailto == null
                ? pipeline.message(campaign, recipient, key)
                : pipeline.message(campaign, recipient, key, mailto, envelopeFrom);
    }
}
