package org.newsletter.mail;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.newsletter.config.SmtpSettings;
import org.newsletter.mail.DeliveryException.Kind;

/**
 * Turns what an {@link SmtpSession} throws into a {@link DeliveryException} that says what happened, to
 * which recipient, with the server's reply, and whether the connection can still be used.
 *
 * <p>The rules (RFC 5321 section 4.2.1): a 5yz reply is permanent and a 4yz reply temporary. After a
 * refused MAIL, RCPT or DATA the session sends RSET, so the session goes on; except after 421, with which
 * the server announces it is closing the channel (section 3.8). A lost connection, a timeout or any
 * other I/O error leaves the session in an unknown state: temporary, and the channel is broken. A
 * failure before the final "." means the message was not delivered; without a reply after it, it may
 * have been.
 */
final class SmtpFailures {

    private final SmtpSettings settings;
    private final String server;

    SmtpFailures(SmtpSettings settings) {
        this.settings = settings;
        this.server = (settings.host().indexOf(':') >= 0 ? "[" + settings.host() + "]" : settings.host()) + ":" + settings.port();
    }

    /** A refused MAIL, RCPT, DATA or end of DATA; {@code broken} when the session is closed after it (421, RFC 5321 section 3.8). */
    DeliveryException refused(SmtpSession.TransactionRefused refusal, OutgoingMessage message, boolean broken) {
        SmtpReply reply = refusal.reply();
        Kind kind = reply.permanentFailure() ? Kind.PERMANENT : Kind.TEMPORARY;
        String what = server + " refused the message to " + message.recipient() + " " + refusal.step() + ": " + reply
                + (broken ? "; the connection is closed" : "");
        return new DeliveryException(kind, reply, broken, refusal.step() == SmtpSession.Step.MAIL, what, refusal);
    }

    /** A connection that failed, timed out or ended at {@code step}: temporary, and the channel is broken. */
    DeliveryException lost(IOException e, OutgoingMessage message, SmtpSession.Step step) {
        return new DeliveryException(Kind.TEMPORARY, null, true, "message to " + message.recipient() + " failed " + step + ": " + cause(e)
                + outcome(step), e);
    }

    /** A channel that an earlier failure already broke. */
    DeliveryException alreadyBroken(OutgoingMessage message) {
        return new DeliveryException(Kind.TEMPORARY, null, true, "message to " + message.recipient() + " not sent: the connection to "
                + server + " was lost earlier; open a new channel", null);
    }

    /** A recipient that cannot be written in RCPT TO. */
    DeliveryException unusableRecipient(OutgoingMessage message) {
        return new DeliveryException(Kind.PERMANENT, null, false, "message to " + message.recipient()
                + " not sent: that is not an address RCPT TO can carry (RFC 5321 section 4.1.2)", null);
    }

    /** A refused greeting, EHLO, STARTTLS or AUTH, or a server without the STARTTLS or AUTH mechanism the settings need. */
    DeliveryException whileOpening(SmtpSession.Refused e) {
        String cannot = "cannot open " + settings.describe() + ": ";
        SmtpReply reply = e.reply();
        return switch (e.what()) {
            case LOGIN -> new DeliveryException(reply != null && reply.transientFailure() ? Kind.TEMPORARY : Kind.PERMANENT, reply, true,
                    cannot + "the server did not accept the login of " + settings.user() + ": " + (reply != null ? reply : e.getMessage())
                    + "; check the user in the URL and " + SmtpSettings.PASSWORD_VARIABLE, e);
            case STARTTLS_MISSING -> new DeliveryException(Kind.PERMANENT, null, true, cannot + "the server does not offer STARTTLS (RFC 3207), which "
                    + "tls=starttls requires so that nothing goes in clear; use tls=implicit if it expects TLS from the first byte, "
                    + "or tls=none only for a relay on a trusted network", e);
            case GREETING -> new DeliveryException(reply.permanentFailure() ? Kind.PERMANENT : Kind.TEMPORARY, reply, true,
                    cannot + "the server refused: " + reply, e);
        };
    }

    /** A failed connect, TLS handshake, or a connection lost or timed out while opening. */
    DeliveryException whileOpening(IOException e) {
        String cannot = "cannot open " + settings.describe() + ": ";
        if (find(e, CertificateException.class) != null || find(e, SSLPeerUnverifiedException.class) != null) {
            String hint = settings.trustedHost() == null
                    ? "; if it is your own relay with a self-signed certificate, add trust=" + settings.host() + " to the URL" : "";
            return new DeliveryException(Kind.PERMANENT, null, true, cannot + "the server's certificate was not accepted ("
                    + rootMessage(e) + ")" + hint, e);
        }
        return new DeliveryException(Kind.TEMPORARY, null, true, cannot + connectionProblem(e), e);
    }

    /** A user is set, but the server offers no AUTH after EHLO (and STARTTLS): sending anyway would be refused or relayed unauthenticated. */
    DeliveryException noLoginOffered() {
        return new DeliveryException(Kind.PERMANENT, null, true, "cannot open " + settings.describe()
                + ": the server offers no AUTH (RFC 4954), so the user " + settings.user()
                + " cannot log in; leave the user out of the URL for a relay that needs no login", null);
    }

    private String connectionProblem(IOException e) {
        if (find(e, UnknownHostException.class) != null) {
            return "unknown host " + settings.host();
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return "no answer from " + server + " within " + text(settings.timeout());
        }
        if (find(e, ConnectException.class) != null) {
            return server + " refused the connection (" + rootMessage(e) + ")";
        }
        if (find(e, SSLException.class) != null) {
            return "the TLS handshake failed (" + rootMessage(e) + "); is tls=" + settings.tls().name().toLowerCase(java.util.Locale.ROOT)
                    + " right for port " + settings.port() + "? Port 587 usually wants starttls, 465 implicit";
        }
        if (e instanceof EOFException) {
            return server + " closed the connection";
        }
        return rootMessage(e);
    }

    private String cause(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "no reply from " + server + " within " + text(settings.timeout());
        }
        if (e instanceof EOFException) {
            return server + " closed the connection";
        }
        return "the connection to " + server + " failed (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")";
    }

    private static String outcome(SmtpSession.Step step) {
        return step == SmtpSession.Step.END_OF_DATA
                ? "; the server had the whole message but did not confirm it, so it may have been delivered"
                : "; the message was not delivered";
    }

    static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 60_000 == 0 ? millis / 60_000 + "m" : millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** The first {@code type} in the cause chain (for a MessagingException, getCause() is its next exception). */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Throwable at = e;
        for (int depth = 0; at != null && depth < 20; depth++) {
            if (type.isInstance(at)) {
                return type.cast(at);
            }
            at = at.getCause() == at ? null : at.getCause();
        }
        return null;
    }
}
