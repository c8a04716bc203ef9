package org.newsletter.mail;

import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import org.newsletter.config.SmtpSettings;

/**
 * The Jakarta Mail session properties for one {@link SmtpSettings}, in one place with the reason for
 * each. Always the {@code smtp} protocol: implicit TLS is {@code mail.smtp.ssl.enable}, which is what
 * the {@code smtps} provider does too, so one set of names covers every case.
 */
final class SmtpSessionProperties {

    private SmtpSessionProperties() {
    }

    /**
     * @param writeTimeouts the scheduler that enforces {@code mail.smtp.writetimeout} (see
     *                      {@link WriteTimeouts}); a fresh Properties each time, as the scheduler can change
     */
    static Properties of(SmtpSettings settings, ScheduledExecutorService writeTimeouts) {
        Properties p = new Properties();
        String millis = Long.toString(settings.timeout().toMillis());
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        // Every socket has a timeout: connecting, each read, and each write.
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.put("mail.smtp.executor.writetimeout", writeTimeouts);
        // TCP_NODELAY (see NoDelaySocketFactory). An object, so put(), not setProperty(). No fallback:
        // if our factory fails, fail rather than quietly connect without it.
        p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        p.setProperty("mail.smtp.socketFactory.fallback", "false");

        switch (settings.tls()) {
            case STARTTLS -> {
                // RFC 3207, and required: a server, or someone in between, that does not offer STARTTLS
                // must not get the password or the messages in clear.
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
            }
            case IMPLICIT -> p.setProperty("mail.smtp.ssl.enable", "true"); // RFC 8314 section 3.3
            case NONE -> {
                p.setProperty("mail.smtp.starttls.enable", "false");
                p.setProperty("mail.smtp.ssl.enable", "false");
            }
        }
        if (settings.trustedHost() != null) {
            // The certificate of this one host is accepted as it is. Checking the name in a certificate
            // nobody vouches for would prove nothing (whoever made it chose the name), and the
            // self-signed certificates of small relays often carry no usable name, so the check is off
            // for this host only.
            p.setProperty("mail.smtp.ssl.trust", settings.trustedHost());
            p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        } else {
            // Angus 2 checks by default; said here so that it never silently changes.
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }

        // AUTH (RFC 4954) only with a user; PLAIN first, it needs one round trip where LOGIN needs three.
        p.setProperty("mail.smtp.auth", Boolean.toString(settings.user() != null));
        p.setProperty("mail.smtp.auth.mechanisms", "PLAIN LOGIN");

        // Send the bytes as they are: no 8BITMIME rewriting, no SMTPUTF8, no BDAT.
        p.setProperty("mail.smtp.allow8bitmime", "false");
        p.setProperty("mail.mime.allowutf8", "false");
        // One recipient per transaction: a refused recipient fails that message, never a partial send.
        p.setProperty("mail.smtp.sendpartial", "false");
        // Wait for the reply to QUIT (RFC 5321 section 4.1.1.10), bounded by the read timeout.
        p.setProperty("mail.smtp.quitwait", "true");
        return p;
    }
}
