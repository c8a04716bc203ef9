package org.newsletter.send;

import java.time.Clock;
import org.newsletter.mail.MessageSigner;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.message.CampaignHeaders;
import org.newsletter.message.CampaignMessages;
import org.newsletter.message.PersonalLinks;
import org.newsletter.model.Campaign;
import org.newsletter.model.MailingList;
import org.newsletter.model.Recipient;
import org.newsletter.model.Site;
import org.newsletter.render.RenderedIssue;
import org.newsletter.store.DeliveryClaim;

/**
 * A campaign's messages: what all recipients share is encoded once ({@link CampaignMessages}, the same
 * path {@code build} writes message.eml with, so the two never disagree); each message costs only its
 * recipient's values, its signed links and, when configured, its DKIM signature.
 */
final class BuiltMessages implements MessageMaker {

    private final CampaignMessages messages;
    private final Clock clock;
    private final Campaign campaign;
    private final MailingList list;
    private final PersonalLinks links;
    private final MessageSigner signer;
    private final boolean clicksPerPerson;

    BuiltMessages(Site site, RenderedIssue rendered, Campaign campaign, MailingList list, PersonalLinks links, MessageSigner signer, Clock clock) {
        this(site, rendered, campaign, list, links, signer, clock, false);
    }

    /** @param clicksPerPerson whether the tracked links end in the recipient's signed part ({@code tracking.clicks: per_person}) */
    BuiltMessages(Site site, RenderedIssue rendered, Campaign campaign, MailingList list, PersonalLinks links, MessageSigner signer, Clock clock,
            boolean clicksPerPerson) {
        this.clicksPerPerson = clicksPerPerson;
        this.messages = new CampaignMessages(rendered, CampaignHeaders.forList(site, rendered.issue().subject(), list.slug()));
        this.clock = clock;
        this.campaign = campaign;
        this.list = list;
        this.links = links;
        this.signer = signer;
    }

    @Override
    public OutgoingMessage make(DeliveryClaim claim) {
        PersonalLinks.Unsubscribe unsubscribe = links.unsubscribe(claim.subscriberId(), list.id());
        Recipient recipient = new Recipient(claim.name(), claim.email(), unsubscribe.url(),
                clicksPerPerson ? links.clickPerson(campaign.id(), claim.subscriberId()) : "");
        OutgoingMessage message = messages.messageFor(recipient, campaign.messageKey(), unsubscribe.mailto(),
                links.envelopeFrom(campaign.id(), claim.subscriberId()), clock.instant());
        return message.withFieldsAdded(signer.sign(message.bytes()));
    }
}
