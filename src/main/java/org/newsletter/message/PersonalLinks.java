package org.newsletter.message;

import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.Site;

/**
 * The signed, per-recipient addresses of a campaign message: the one-click unsubscribe URL
 * (RFC 8058), the {@code mailto:} alternative (RFC 2369), and the VERP envelope sender that lets a
 * bounce name the campaign and person it is about.
 */
public final class PersonalLinks {

    private final Site site;
    private final SubscriberTokens tokens;
    private final String bounceAddress;

    /** @param bounceAddress where bounces go, or null to use the sender's address without VERP */
    public PersonalLinks(Site site, SubscriberTokens tokens, String bounceAddress) {
        this.site = site;
        this.tokens = tokens;
        this.bounceAddress = bounceAddress;
    }

    /** One recipient's two unsubscribe addresses, carrying the same token. */
    public record Unsubscribe(String url, String mailto) {
    }

    /** Both unsubscribe addresses of one recipient and list, signing the token once. */
    public Unsubscribe unsubscribe(long subscriberId, long listId) {
        return unsubscribe(tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, subscriberId, listId));
    }

    private Unsubscribe unsubscribe(String token) {
        String to = bounceAddress == null ? site.sender().address() : bounceAddress;
        return new Unsubscribe(site.baseUrl().resolve("u/" + token).toString(), "mailto:" + to + "?subject=unsubscribe%20" + token);
    }

    /**
     * The unsubscribe addresses of a test copy ({@code send --test-to}): they lead to a page saying
     * it was a test, and name nobody, so a test copy can never unsubscribe the person it went to.
     */
    public Unsubscribe testUnsubscribe(long listId) {
        return unsubscribe(tokens.token(SubscriberTokens.Purpose.TEST, 0, listId));
    }

    /**
     * The personal end of a recipient's click-tracked links when clicks are kept per person:
     * {@code .SUBSCRIBER.MAC}, signing campaign and subscriber (see {@link LinkTracking}).
     */
    public String clickPerson(long campaignId, long subscriberId) {
        String token = tokens.token(SubscriberTokens.Purpose.CLICKER, campaignId, subscriberId);
        return token.substring(token.indexOf('.'));
    }

    /** {@code bounces+CAMPAIGN.SUBSCRIBER.MAC@domain} when a bounce address is set, else the sender. */
    public String envelopeFrom(long campaignId, long subscriberId) {
        if (bounceAddress == null) {
            return site.sender().address();
        }
        int at = bounceAddress.lastIndexOf('@');
        return bounceAddress.substring(0, at) + "+" + tokens.token(SubscriberTokens.Purpose.BOUNCE, campaignId, subscriberId)
                + bounceAddress.substring(at);
    }
}
