package org.newsletter.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code bounces:} part of newsletter.yaml: which IMAP mailbox receives the bounces, complaints and
 * mailed unsubscribes, where processed messages go, and when soft bounces suppress an address. No
 * secrets: the IMAP password only ever comes from {@value #PASSWORD_VARIABLE}.
 *
 * @param mailbox         the IMAP server and user
 * @param folder          the folder to read, usually INBOX
 * @param processedFolder where each processed message is moved (created when missing; nothing is deleted)
 * @param softBounces     how many soft bounces within how many days suppress an address
 * @param watch           whether {@code serve} watches the mailbox ({@code bounces: {watch: true}})
 */
public record BounceSettings(ImapMailbox mailbox, String folder, String processedFolder, SoftBounceLimit softBounces, boolean watch) {

    public static final String PASSWORD_VARIABLE = "NEWSLETTER_IMAP_PASSWORD";
    public static final String DEFAULT_FOLDER = "INBOX";
    public static final String DEFAULT_PROCESSED_FOLDER = "Processed";

    public BounceSettings {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(processedFolder, "processedFolder");
        Objects.requireNonNull(softBounces, "softBounces");
    }

    /** Settings of a mailbox that {@code serve} does not watch. */
    public BounceSettings(ImapMailbox mailbox, String folder, String processedFolder, SoftBounceLimit softBounces) {
        this(mailbox, folder, processedFolder, softBounces, false);
    }

    /**
     * An address is suppressed at its {@code count}th soft bounce (RFC 3463 class 4, "persistent
     * transient failure") within {@code days} days: one full mailbox is no reason to stop, a mailbox
     * that stays full for weeks is abandoned.
     */
    public record SoftBounceLimit(int count, int days) {
        public static final SoftBounceLimit DEFAULT = new SoftBounceLimit(3, 30);

        public SoftBounceLimit {
            if (count < 1 || days < 1) {
                throw new IllegalArgumentException("soft bounce limit must be at least 1 in 1 day");
            }
        }

        public Duration window() {
            return Duration.ofDays(days);
        }

        @Override
        public String toString() {
            return count + " in " + days + (days == 1 ? " day" : " days");
        }
    }

    /**
     * Where the bounce mailbox is. {@code tls} is how the connection is protected: implicit TLS from the
     * first byte ({@code imaps://}, RFC 8314 section 3.3), STARTTLS required before login ({@code imap://},
     * RFC 3501 section 6.2.1), or none (only for a server on this machine).
     *
     * @param trustedHost the one host whose certificate is accepted without verification, or null
     */
    public record ImapMailbox(String host, int port, String user, Tls tls, String trustedHost, Duration timeout) {

        /** How the IMAP connection is protected. */
        public enum Tls { IMPLICIT, STARTTLS, NONE }

        /** For messages: {@code imaps://bounces@mail.example.org:993}, never a password. */
        @Override
        public String toString() {
            return (tls == Tls.IMPLICIT ? "imaps://" : "imap://") + user.replace("%", "%25").replace("@", "%40") + "@"
                    + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
