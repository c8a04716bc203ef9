package org.newsletter.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.newsletter.config.SmtpSettings;
import org.newsletter.mail.DeliveryException.Kind;

/**
 * Turns what Angus throws into a {@link DeliveryException} that says what happened, to which
 * recipient, with the server's reply, and whether the connection can still be used.
 *
 * <p>The rules (RFC 5321 section 4.2.1): a 5yz reply is permanent and a 4yz reply temporary. After a
 * refused MAIL, RCPT or DATA Angus sends RSET, so the session goes on; except after 421, with which
 * the server announces it is closing the channel (section 3.8). A lost connection, a timeout or any
 * other I/O error leaves the session in an unknown state: temporary, and the channel is broken. A
 * failure before the final "." means the message was not delivered; without a reply after it, it may
 * have been.
 */
final class SmtpFailures {

    private static final int CLOSING_CHANNEL = 421;

    private final SmtpSettings settings;
    private final String server;

    SmtpFailures(SmtpSettings settings) {
        this.settings = settings;
        this.server = (settings.host().indexOf(':') >= 0 ? "[" + settings.host() + "]" : settings.host()) + ":" + settings.port();
    }

    /** A failed {@code sendMessage}; {@code client} tells the step reached and the last reply. */
    DeliveryException whileSending(MessagingException e, OutgoingMessage message, SmtpClient client) {
        SmtpClient.Step step = client.step();
        Refusal refusal = Refusal.in(e);
        // Without Angus's refusal (e.g. the RSET after a 421 could not be written), the last reply read
        // in this transaction is the one that failed it.
        int code = refusal != null ? refusal.code() : client.answeredThisTransaction() ? client.getLastReturnCode() : -1;
        String text = refusal != null ? refusal.text() : client.getLastServerResponse();
        SmtpReply reply = code >= 400 ? ServerResponse.toReply(text) : null;
        IOException io = find(e, IOException.class);
        boolean broken = reply == null || io != null || code == CLOSING_CHANNEL || !client.stillConnected();
        Kind kind = reply != null && reply.permanentFailure() ? Kind.PERMANENT : Kind.TEMPORARY;
        String what;
        if (reply != null) {
            what = server + " refused the message to " + message.recipient() + " " + step + ": " + reply
                    + (broken ? "; the connection is closed" : "");
        } else {
            what = "message to " + message.recipient() + " failed " + step + ": " + cause(e, io, code) + outcome(step);
        }
        return new DeliveryException(kind, reply, broken, reply != null && step == SmtpClient.Step.MAIL, what, e);
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

    /** A failed connect, greeting, EHLO, STARTTLS or AUTH. */
    DeliveryException whileOpening(MessagingException e, SmtpClient client) {
        String cannot = "cannot open " + settings.describe() + ": ";
        SmtpReply last = client.getLastReturnCode() >= 400 ? ServerResponse.toReply(client.getLastServerResponse()) : null;
        if (e instanceof AuthenticationFailedException) {
            SmtpReply reply = ServerResponse.toReply(e.getMessage());
            reply = reply != null ? reply : last;
            Kind kind = reply != null && reply.transientFailure() ? Kind.TEMPORARY : Kind.PERMANENT;
            return new DeliveryException(kind, reply, true, cannot + "the server did not accept the login of " + settings.user() + ": "
                    + (reply != null ? reply : e.getMessage()) + "; check the user in the URL and " + SmtpSettings.PASSWORD_VARIABLE, e);
        }
        if (find(e, CertificateException.class) != null || find(e, SSLPeerUnverifiedException.class) != null) {
            String hint = settings.trustedHost() == null
                    ? "; if it is your own relay with a self-signed certificate, add trust=" + settings.host() + " to the URL" : "";
            return new DeliveryException(Kind.PERMANENT, null, true, cannot + "the server's certificate was not accepted ("
                    + rootMessage(e) + ")" + hint, e);
        }
        if (e.getNextException() == null && String.valueOf(e.getMessage()).contains("does not support STARTTLS")) {
            return new DeliveryException(Kind.PERMANENT, null, true, cannot + "the server does not offer STARTTLS (RFC 3207), which "
                    + "tls=starttls requires so that nothing goes in clear; use tls=implicit if it expects TLS from the first byte, "
                    + "or tls=none only for a relay on a trusted network", e);
        }
        if (last != null) {
            Kind kind = last.permanentFailure() ? Kind.PERMANENT : Kind.TEMPORARY;
            return new DeliveryException(kind, last, true, cannot + "the server refused: " + last, e);
        }
        return new DeliveryException(Kind.TEMPORARY, null, true, cannot + connectionProblem(e), e);
    }

    /** A user is set, but the server offers no AUTH after EHLO (and STARTTLS): sending anyway would be refused or relayed unauthenticated. */
    DeliveryException noLoginOffered() {
        return new DeliveryException(Kind.PERMANENT, null, true, "cannot open " + settings.describe()
                + ": the server offers no AUTH (RFC 4954), so the user " + settings.user()
                + " cannot log in; leave the user out of the URL for a relay that needs no login", null);
    }

    private String connectionProblem(MessagingException e) {
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
        return rootMessage(e);
    }

    private String cause(MessagingException e, IOException io, int code) {
        if (find(e, SocketTimeoutException.class) != null) {
            return "no reply from " + server + " within " + text(settings.timeout());
        }
        if (io == null && code == -1) {
            return server + " closed the connection";
        }
        if (io != null) {
            return "the connection to " + server + " failed (" + (io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName()) + ")";
        }
        return e.getMessage();
    }

    private static String outcome(SmtpClient.Step step) {
        return step == SmtpClient.Step.END_OF_DATA
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

    /** The reply code and text carried by Angus's exception for a refused MAIL, RCPT or DATA. */
    private record Refusal(int code, String text) {
        static Refusal in(MessagingException e) {
            SMTPAddressFailedException address = find(e, SMTPAddressFailedException.class);
            if (address != null) {
                return new Refusal(address.getReturnCode(), address.getMessage());
            }
            SMTPSendFailedException send = find(e, SMTPSendFailedException.class);
            if (send != null) {
                return new Refusal(send.getReturnCode(), send.getMessage());
            }
            SMTPSenderFailedException sender = find(e, SMTPSenderFailedException.class);
            return sender == null ? null : new Refusal(sender.getReturnCode(), sender.getMessage());
        }
    }
}
