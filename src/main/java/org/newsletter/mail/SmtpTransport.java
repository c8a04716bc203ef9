package org.newsletter.mail;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.newsletter.config.SmtpSettings;

/**
 * Sends by SMTP (RFC 5321) with a small client of our own ({@link SmtpSession}): each {@link #open()}
 * is one connection, with STARTTLS (RFC 3207, then required) or implicit TLS (RFC 8314) and AUTH
 * (RFC 4954, PLAIN or LOGIN) as the {@link SmtpSettings} say, and PIPELINING (RFC 2920) when the server
 * offers it. Messages go out byte for byte as given, dot-stuffed; the server's reply to the end of DATA
 * comes back as an {@link SmtpReply}, refusals and failures as {@link DeliveryException}s
 * ({@link SmtpFailures}).
 *
 * <p>Why not Jakarta Mail, which this used before: it does not pipeline, so each message cost four
 * round trips (MAIL, RCPT, DATA, the content) instead of two, and it wrote the content through per-byte
 * CRLF and dot-stuffing streams. Kept from that time: TCP_NODELAY ({@link NoDelaySocketFactory}), and a
 * write timeout as well as connect and read timeouts, with one timer thread for all channels
 * ({@link WriteTimeouts}).
 *
 * <p>Reconnecting is the caller's business: a channel reports {@link DeliveryException#channelBroken()}
 * and the caller opens another.
 */
public final class SmtpTransport implements Transport {

    private final SmtpSettings settings;
    private final String password;
    private final SmtpFailures failures;
    private final WriteTimeouts writeTimeouts = new WriteTimeouts();
    private SmtpTls tls;
    private String clientName;

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
            SmtpSession session;
            try {
                session = SmtpSession.open(settings, password, clientName(), tls(), scheduler);
            } catch (IOException e) {
                throw failures.whileOpening(e);
            } catch (SmtpSession.Refused e) {
                throw failures.whileOpening(e);
            }
            SmtpChannel channel = new SmtpChannel(session, failures, writeTimeouts::release);
            opened = true;
            if (settings.user() != null && !session.offers("AUTH") && !session.offers("AUTH=LOGIN")) {
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

    /** The JDK's TLS set-up, made once, and only when TLS is used. */
    private synchronized SmtpTls tls() throws IOException {
        if (tls == null && settings.tls() != SmtpSettings.Tls.NONE) {
            try {
                tls = new SmtpTls();
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return tls;
    }

    /**
     * The name said in EHLO (RFC 5321 section 4.1.1.1): this machine's fully qualified name, or an
     * address literal when it has none, as Jakarta Mail said before; looked up once per transport.
     */
    private synchronized String clientName() {
        if (clientName == null) {
            String name;
            try {
                InetAddress local = InetAddress.getLocalHost();
                name = local.getCanonicalHostName();
                if (name == null || name.isEmpty() || name.equals(local.getHostAddress())) {
                    name = local instanceof Inet6Address ? "[IPv6:" + local.getHostAddress() + "]" : "[" + local.getHostAddress() + "]";
                }
            } catch (UnknownHostException e) {
                // A machine whose own name does not resolve: the loopback literal is still a valid EHLO argument.
                name = "[127.0.0.1]";
            }
            clientName = name;
        }
        return clientName;
    }
}
