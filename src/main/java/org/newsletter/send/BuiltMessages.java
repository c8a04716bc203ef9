package org.newsletter.send;

import org.newsletter.build.IssuePipeline;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.model.Campaign;
import org.newsletter.model.MailingList;
import org.newsletter.model.Recipient;
import org.newsletter.render.RenderedIssue;
import org.newsletter.store.DeliveryClaim;

/**
 * Campaign messages built through the same {@link IssuePipeline} path as {@code build}, so the two can
 * never disagree about what a subscriber receives. What all recipients share is encoded once, here
 * ({@link CampaignMessages}); each message costs only its recipient's values.
 */
final class BuiltMessages implements MessageMaker {

    private final IssuePipeline pipeline;
    private final CampaignMessages messages;
    private final Campaign campaign;
    private final MailingList list;
    private final PersonalLinks links;
    private final MessageSigner signer;

    BuiltMessages(IssuePipeline pipeline, RenderedIssue rendered, Campaign campaign, MailingList list, PersonalLinks links, MessageSigner signer) {
        this.pipeline = pipeline;
        this.messages = pipeline.campaign(rendered, list.slug());
        this.campaign = campaign;
        this.list = list;
        this.links = links;
        this.signer = signer;
    }

    @Override
    public OutgoingMessage make(DeliveryClaim claim) {
        Recipient recipient = new Recipient(claim.name(), claim.email(), links.unsubscribeUrl(claim.subscriberId(), list.id()));
        OutgoingMessage message = pipeline.message(messages, recipient, campaign.messageKey(),
                links.unsubscribeMailto(claim.subscriberId(), list.id()), links.envelopeFrom(campaign.id(), claim.subscriberId()));
        return new OutgoingMessage(message.envelopeFrom(), message.recipient(), message.messageId(), signer.sign(message.bytes()));
    }
}
