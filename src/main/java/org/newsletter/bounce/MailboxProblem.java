package org.newsletter.bounce;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.newsletter.config.BounceSettings;

/**
 * Turns a failure to use the bounce mailbox into one line saying what went wrong where and what to do,
 * naming the usual causes (a certificate not trusted, a TLS mismatch, no answer, an unknown host, nothing
 * listening) instead of repeating Jakarta Mail's wording alone.
 */
final class MailboxProblem {

    private static final String CHECK = "; check 'mailbox' under 'bounces' in newsletter.yaml";

    private MailboxProblem() {
    }

    static BounceMailboxException of(BounceSettings.ImapMailbox mailbox, Exception e) {
        List<Throwable> chain = chain(e);
        String where = "cannot use the bounce mailbox " + mailbox + ": ";
        String detail = deepest(chain);
        String text;
        boolean needsAPerson = false;
        if (has(chain, CertificateException.class) || has(chain, SSLPeerUnverifiedException.class)) {
            needsAPerson = true;
            text = where + "the server's certificate was not accepted (" + detail + ")" + (mailbox.trustedHost() == null
                    ? "; if it is your own server with a self-signed certificate, add ?trust=" + mailbox.host() + " to 'mailbox' under 'bounces' in newsletter.yaml"
                    : CHECK);
        } else if (has(chain, SSLException.class)) {
            text = where + "the TLS handshake failed (" + detail + "); port 993 wants imaps://, port 143 imap:// (STARTTLS)" + CHECK;
        } else if (has(chain, SocketTimeoutException.class)) {
            text = where + "no answer within " + mailbox.timeout().toMillis() + " ms (" + detail + ")" + CHECK + " and that the server is reachable";
        } else if (has(chain, UnknownHostException.class)) {
            text = where + "unknown host " + mailbox.host() + CHECK; // may be a passing DNS failure: --watch tries again
        } else if (has(chain, ConnectException.class)) {
            text = where + "nothing answers on port " + mailbox.port() + " (" + detail + ")" + CHECK + " and that the server is running";
        } else {
            text = where + detail + CHECK + " and that the server is reachable";
        }
        return new BounceMailboxException(text.replaceAll("\\s+", " "), e, needsAPerson);
    }

    private static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable at = e; at != null && chain.size() < 20 && !chain.contains(at); at = at.getCause()) {
            chain.add(at);
        }
        return chain;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
        return chain.stream().anyMatch(type::isInstance);
    }

    /** The innermost cause's message: the one that says what really happened. */
    private static String deepest(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String message = chain.get(i).getMessage();
            if (message != null && !message.isBlank()) {
                return message.strip();
            }
        }
        return chain.get(0).getClass().getSimpleName();
    }
}
