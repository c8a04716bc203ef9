package org.newsletter.send;

import org.newsletter.build.IssuePipeline;
import org.newsletter.mail.MessageBuilder;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.model.Campaign;
import org.newsletter.model.MailingList;
import org.newsletter.model.Recipient;
import org.newsletter.render.RenderedIssue;
import org.newsletter.store.DeliveryClaim;

/**
 * Campaign messages built through the same {@link IssuePipeline} path as {@code build}, so the two can
 * never disagree about what a subscriber receives.
 */
final class BuiltMessages implements MessageMaker {

    private final IssuePipeline pipeline;
    private final RenderedIssue rendered;
    private final Campaign campaign;
    private final MailingList list;
    private final PersonalLinks links;
    private final MessageSigner signer;

    BuiltMessages(IssuePipeline pipeline, RenderedIssue rendered, Campaign campaign, MailingList list, PersonalLinks links, MessageSigner signer) {
        this.pipeline = pipeline;
        this.rendered = rendered;
        this.campaign = campaign;
        this.list = list;
        this.links = links;
        this.signer = signer;
    }

    @Override
    public OutgoingMessage make(DeliveryClaim claim) {
        Recipient recipient = new Recipient(claim.name(), claim.email(), links.unsubscribeUrl(claim.subscriberId(), list.id()));
        var spec = pipeline.message(rendered, recipient, list.slug(), campaign.messageKey(),
                links.unsubscribeMailto(claim.subscriberId(), list.id()));
        MessageBuilder builder = pipeline.messages();
        byte[] bytes = builder.toBytes(builder.build(spec));
        return new OutgoingMessage(links.envelopeFrom(campaign.id(), claim.subscriberId()), claim.email(), spec.messageId(), signer.sign(bytes));
    }
}
