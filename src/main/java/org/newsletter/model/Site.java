package org.newsletter.model;

import java.net.URI;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * The organisation-wide settings from {@code newsletter.yaml} that rendering needs.
 *
 * @param organisation  who sends it, shown in the footer
 * @param postalAddress shown in the footer (CAN-SPAM and PECR expect a physical address)
 * @param baseUrl       where the web version, images and unsubscribe pages live; always ends in "/"
 * @param sender        the From mailbox
 * @param replyTo       where replies go; may equal the sender
 * @param language      default language of issues
 * @param timeZone      default time zone of events
 * @param reason        why the reader gets this email, shown in the footer
 */
public record Site(
        String organisation,
        String postalAddress,
        URI baseUrl,
        Mailbox sender,
        Mailbox replyTo,
        Locale language,
        ZoneId timeZone,
        String reason) {

    public Site {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(timeZone, "timeZone");
        postalAddress = postalAddress == null ? "" : postalAddress;
        replyTo = replyTo == null ? sender : replyTo;
        reason = reason == null ? "" : reason;
        if (!baseUrl.toString().endsWith("/")) {
            baseUrl = URI.create(baseUrl + "/");
        }
    }

    /** The web address of a published issue: {@code BASE/archive/SLUG/}. */
    public URI issueUrl(String slug) {
        return baseUrl.resolve("archive/" + slug + "/");
    }
}
