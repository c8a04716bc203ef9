package org.newsletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.newsletter.config.SmtpSettings;

/**
 * Sends by SMTP (RFC 5321) with Jakarta Mail's Angus implementation: each {@link #open()} is one
 * connection, with STARTTLS (RFC 3207, then required) or implicit TLS (RFC 8314) and AUTH (RFC 4954)
 * as the {@link SmtpSettings} say. Messages go out byte for byte as given ({@link WireMessage}); the
 * server's reply to the end of DATA comes back as an {@link SmtpReply}, refusals and failures as
 * {@link DeliveryException}s ({@link SmtpFailures}).
 *
 * <p>What is done about Jakarta Mail's defaults, measured on this project's machine:
 * <ul>
 * <li>TCP_NODELAY, which Jakarta Mail never sets (about 22 messages per second per connection without
 *     it): {@link NoDelaySocketFactory};
 * <li>a write timeout as well as connect and read timeouts, with one timer thread for all channels
 *     instead of one per connection: {@link WriteTimeouts};
 * <li>no re-encoding, parsing or header rewriting of the message: {@link WireMessage};
 * <li>Jakarta Mail finds its {@code StreamProvider} with a ServiceLoader scan every time it needs one
 *     (each Session, each part encoded or parsed): about 60 µs a
 *     time on this project's class path. The system property {@code jakarta.mail.util.StreamProvider},
 *     which it checks first, names Angus's provider and makes it about 2 µs: set by this constructor,
 *     the one place that knows Angus is the implementation, unless the application already chose one.
 * </ul>
 *
 * <p>Reconnecting is the caller's business: a channel reports {@link DeliveryException#channelBroken()}
 * and the caller opens another.
 */
public final class SmtpTransport implements Transport {

    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private final SmtpSettings settings;
    private final String password;
    private final SmtpFailures failures;
    private final WriteTimeouts writeTimeouts = new WriteTimeouts();

    /**
     * @param password the password for the settings' user, from {@value SmtpSettings#PASSWORD_VARIABLE};
     *                 null or empty when there is no user
     */
    public SmtpTransport(SmtpSettings settings, String password) {
        this.settings = Objects.requireNonNull(settings, "settings");
        boolean hasPassword = password != null && !password.isEmpty();
        if (settings.user() != null && !hasPassword) {
            throw new IllegalArgumentException(settings.describe() + " logs in as " + settings.user()
                    + " but no password is set: put it in the environment variable " + SmtpSettings.PASSWORD_VARIABLE);
        }
        if (settings.user() == null && hasPassword) {
            throw new IllegalArgumentException(SmtpSettings.PASSWORD_VARIABLE + " is set but the SMTP URL " + settings.describe()
                    + " names no user to log in as: write smtp://USER@" + settings.host() + ", or unset " + SmtpSettings.PASSWORD_VARIABLE);
        }
        this.password = hasPassword ? password : null;
        this.failures = new SmtpFailures(settings);
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
        }
    }

    public SmtpSettings settings() {
        return settings;
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    /**
     * Connects, says EHLO, upgrades with STARTTLS if asked (and fails if the server does not offer
     * it), and logs in if there is a user. Connection problems are temporary; a refused login, a
     * certificate that is not accepted or a missing STARTTLS are permanent, since trying again later
     * cannot help.
     */
    @Override
    public Channel open() throws DeliveryException {
        ScheduledExecutorService scheduler = writeTimeouts.acquire();
        boolean opened = false;
        try {
            Session session = Session.getInstance(SmtpSessionProperties.of(settings, scheduler));
            SmtpClient client = new SmtpClient(session, new URLName("smtp", settings.host(), settings.port(), null, settings.user(), null));
            try {
                // On failure Angus has already closed the connection (protocolConnect's finally).
                client.connect(settings.host(), settings.port(), settings.user(), password);
            } catch (MessagingException e) {
                throw failures.whileOpening(e, client);
            }
            SmtpChannel channel = new SmtpChannel(client, session, failures, writeTimeouts::release);
            opened = true;
            if (settings.user() != null && !client.supportsExtension("AUTH") && !client.supportsExtension("AUTH=LOGIN")) {
                channel.close();
                throw failures.noLoginOffered();
            }
            return channel;
        } finally {
            if (!opened) {
                writeTimeouts.release();
            }
        }
    }
}
