package org.newsletter.mail;

import java.io.IOException;

/**
 * One SMTP session (RFC 5321), opened by {@link SmtpTransport}: one mail transaction per message,
 * MAIL FROM the envelope sender, RCPT TO the one recipient, DATA the message's bytes, pipelined
 * (RFC 2920) when the server offers it ({@link SmtpSession}).
 *
 * <p>A refused recipient or message leaves the session usable (RSET is sent). A lost connection,
 * a timeout, an I/O error or a 421 breaks it: the channel then refuses every further message with
 * {@link DeliveryException#channelBroken()} and the caller opens a new one. That is also how a server
 * that closed an idle connection is noticed: the next MAIL FROM gets its 421 notice or end of stream,
 * before any of the message is sent (the content waits for the 354 to DATA), so nothing is delivered
 * twice. No NOOP is sent before each message to find out sooner: it would cost a round trip per
 * message and tell nothing the MAIL FROM does not.
 */
final class SmtpChannel implements Transport.Channel {

    private final SmtpSession session;
    private final SmtpFailures failures;
    private final Runnable whenClosed;
    private boolean broken;
    private boolean closed;

    SmtpChannel(SmtpSession session, SmtpFailures failures, Runnable whenClosed) {
        this.session = session;
        this.failures = failures;
        this.whenClosed = whenClosed;
    }

    /** Whether the server offered PIPELINING, so that each message costs two round trips rather than four. */
    boolean pipelining() {
        return session.pipelining();
    }

    @Override
    public SmtpReply send(OutgoingMessage message) throws DeliveryException {
        if (closed) {
            throw new IllegalStateException("this SMTP channel is closed");
        }
        if (broken || session.isClosed()) {
            broken = true;
            throw failures.alreadyBroken(message);
        }
        checkRecipient(message);
        try {
            // An empty envelope sender becomes the null reverse-path "<>" (bounces, RFC 5321 section 4.5.5).
            return session.send(message.envelopeFrom(), message.recipient(), message.bytes(), message.dotSafe());
        } catch (SmtpSession.TransactionRefused refusal) {
            broken = session.isClosed();
            throw failures.refused(refusal, message, broken);
        } catch (IOException e) {
            broken = true;
            throw failures.lost(e, message, session.step());
        }
    }

    /** Sends QUIT and closes the connection; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // QUIT is a courtesy (RFC 5321 section 4.1.1.10). When it fails the server has gone or stopped
            // answering, the socket is closed anyway, and every message sent on this channel already has
            // its outcome: there is nothing left to report to anyone, or to retry.
            session.quit();
        } finally {
            whenClosed.run();
        }
    }

    /** Without parsing (the address was checked when it was stored): RCPT TO must carry it as it is, in ASCII, without SMTPUTF8 (RFC 6531). */
    private void checkRecipient(OutgoingMessage message) throws DeliveryException {
        String address = message.recipient();
        if (address.isEmpty() || address.indexOf('@') < 1 || address.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c >= 127)) {
            throw failures.unusableRecipient(message);
        }
    }
}
