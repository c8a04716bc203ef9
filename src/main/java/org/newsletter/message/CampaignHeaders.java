package org.newsletter.message;

import java.util.Objects;
import org.newsletter.mail.HeaderValues;
import org.newsletter.model.Mailbox;
import org.newsletter.model.Site;

/**
 * The header values every message of a campaign shares.
 *
 * @param from     the From mailbox (RFC 5322 section 3.6.2)
 * @param replyTo  where replies go; written only when its address differs from {@code from}'s; may be null
 * @param subject  the Subject, as the reader should see it
 * @param listId   the RFC 2919 list identifier without brackets, e.g. {@code newsletter.example.org}
 * @param listName the List-Id's phrase, e.g. the organisation; blank for none
 */
public record CampaignHeaders(Mailbox from, Mailbox replyTo, String subject, String listId, String listName) {

    public CampaignHeaders {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(listId, "listId");
        HeaderValues.requireSingleLine("From", from.name());
        HeaderValues.requireSingleLine("From", from.address());
        if (replyTo != null) {
            HeaderValues.requireSingleLine("Reply-To", replyTo.name());
            HeaderValues.requireSingleLine("Reply-To", replyTo.address());
        }
        HeaderValues.requireSingleLine("Subject", subject);
        HeaderValues.requireSingleLine("List-Id", listId);
        listName = listName == null ? "" : HeaderValues.requireSingleLine("List-Id", listName);
    }

    /**
     * A list's campaign as the site's settings make it: the site's sender and reply-to, and the list
     * identified as {@code SLUG.DOMAIN} on the sender's domain, named after the organisation.
     */
    public static CampaignHeaders forList(Site site, String subject, String listSlug) {
        return new CampaignHeaders(site.sender(), site.replyTo(), subject, listSlug + "." + site.sender().domain(),
                site.organisation());
    }
}
