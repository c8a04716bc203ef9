package org.newsletter.send;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.newsletter.mail.DeliveryException;
import org.newsletter.mail.MessageSigner;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.mail.SmtpReply;
import org.newsletter.mail.Transport;
import org.newsletter.message.CampaignHeaders;
import org.newsletter.message.CampaignMessages;
import org.newsletter.message.PersonalLinks;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.Recipient;
import org.newsletter.model.Site;
import org.newsletter.render.RenderedIssue;
import org.newsletter.model.Subscriber;
import org.newsletter.store.Store;

/**
 * {@code send --test-to}: the real message, personalised for the given addresses (as the subscriber
 * when the address is on file), with "[TEST]" in the subject, through the real transport. Nothing is
 * recorded as a campaign, and each run gets fresh Message-IDs so mail clients do not merge test sends.
 */
public final class TestSend {

    /** What the transport said about one test message. */
    public record Result(String address, boolean accepted, String reply) {
    }

    private final Site site;
    private final Store store;
    private final Clock clock;
    private final MessageSigner signer;

    public TestSend(Site site, Store store, Clock clock, MessageSigner signer) {
        this.site = site;
        this.store = store;
        this.clock = clock;
        this.signer = signer;
    }

    /** @param rendered the plan's issue as the list's readers get it (a private list's links carry the archive key) */
    public List<Result> send(SendPlan plan, RenderedIssue rendered, PersonalLinks links, Transport transport, List<EmailAddress> addresses) {
        List<Result> results = new ArrayList<>();
        String runKey = "test/" + clock.millis();
        CampaignMessages messages = new CampaignMessages(rendered,
                CampaignHeaders.forList(site, "[TEST] " + rendered.issue().subject(), plan.list().slug()));
        try (Transport.Channel channel = transport.open()) {
            for (EmailAddress address : addresses) {
                results.add(sendOne(channel, plan, messages, links, address, runKey));
            }
        } catch (DeliveryException e) {
            for (EmailAddress address : addresses.subList(results.size(), addresses.size())) {
                results.add(new Result(address.toString(), false, e.getMessage()));
            }
        }
        return results;
    }

    private Result sendOne(Transport.Channel channel, SendPlan plan, CampaignMessages messages, PersonalLinks links, EmailAddress address,
            String runKey) {
        Subscriber known = store.subscribers().find(address).orElse(null);
        long subscriberId = known == null ? 0 : known.id();
        String name = known == null ? "" : known.name();
        // Not the person's own unsubscribe link: a test copy must never unsubscribe anyone.
        PersonalLinks.Unsubscribe unsubscribe = links.testUnsubscribe(plan.list().id());
        Recipient recipient = new Recipient(name, address.toString(), unsubscribe.url());
        OutgoingMessage built = messages.messageFor(recipient, runKey, unsubscribe.mailto(),
                links.envelopeFrom(0, subscriberId), clock.instant());
        OutgoingMessage message = built.withFieldsAdded(signer.sign(built.bytes()));
        try {
            SmtpReply reply = channel.send(message);
            return new Result(address.toString(), true, reply.toString());
        } catch (DeliveryException e) {
            return new Result(address.toString(), false, e.reply().map(SmtpReply::toString).orElse(e.getMessage()));
        }
    }
}
