package org.newsletter.doctor;

import java.net.URI;
import org.newsletter.config.SendingSettings;
import org.newsletter.config.SmtpSettings;
import org.newsletter.config.Workspace;

/**
 * The names receivers judge a campaign by, from newsletter.yaml and the transport in force.
 *
 * @param fromDomain     the From address's domain (RFC 5322 From, what DMARC protects)
 * @param fromAddress    the From address
 * @param replyToDomain  where replies go
 * @param envelopeDomain the SMTP MAIL FROM domain SPF is checked at: {@code bounce_address}'s, else the sender's
 * @param dkim           the signing settings, or null when messages are not signed
 * @param relay          the SMTP relay, or null when the transport is the outbox
 * @param baseUrl        where the unsubscribe pages are
 */
public record SendingIdentity(String fromDomain, String fromAddress, String replyToDomain, String envelopeDomain, SendingSettings.Dkim dkim,
        SmtpSettings relay, URI baseUrl) {

    /**
     * @param transport the transport in force ({@code NEWSLETTER_TRANSPORT} or newsletter.yaml's): {@code outbox} or an SMTP URL
     * @throws IllegalArgumentException when the SMTP URL is not valid
     */
    public static SendingIdentity of(Workspace workspace, String transport) {
        var site = workspace.site();
        var sending = workspace.sending();
        String bounce = sending.bounceAddress();
        String envelope = bounce == null ? site.sender().domain() : bounce.substring(bounce.lastIndexOf('@') + 1);
        SmtpSettings relay = transport == null || transport.equals(SendingSettings.OUTBOX) ? null : SmtpSettings.parse(transport);
        return new SendingIdentity(site.sender().domain(), site.sender().address(), site.replyTo().domain(), envelope, sending.dkim(), relay,
                site.baseUrl());
    }
}
