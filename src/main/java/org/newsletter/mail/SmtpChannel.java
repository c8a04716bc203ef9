package org.newsletter.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

/**
 * One SMTP session (RFC 5321), opened by {@link SmtpTransport}: one mail transaction per message,
 * MAIL FROM the envelope sender, RCPT TO the one recipient, DATA the message's bytes.
 *
 * <p>A refused recipient or message leaves the session usable (Angus sends RSET). A lost connection,
 * a timeout, an I/O error or a 421 breaks it: the channel then refuses every further message with
 * {@link DeliveryException#channelBroken()} and the caller opens a new one. That is also how a server
 * that closed an idle connection is noticed: the next MAIL FROM gets its 421 notice or end of stream,
 * before any of the message is sent, so nothing is delivered twice. No NOOP is sent before each
 * message to find out sooner: it would cost a round trip per message and tell nothing the MAIL FROM
 * does not.
 */
final class SmtpChannel implements Transport.Channel {

    private final SmtpClient client;
    private final Session session;
    private final SmtpFailures failures;
    private final Runnable whenClosed;
    private boolean broken;
    private boolean closed;

    SmtpChannel(SmtpClient client, Session session, SmtpFailures failures, Runnable whenClosed) {
        this.client = client;
        this.session = session;
        this.failures = failures;
        this.whenClosed = whenClosed;
    }

    @Override
    public SmtpReply send(OutgoingMessage message) throws DeliveryException {
        if (closed) {
            throw new IllegalStateException("this SMTP channel is closed");
        }
        if (broken || !client.stillConnected()) {
            broken = true;
            throw failures.alreadyBroken(message);
        }
        Address[] recipient = {envelopeAddress(message)};
        client.startTransaction();
        try {
            client.sendMessage(new WireMessage(session, message), recipient);
        } catch (MessagingException e) {
            DeliveryException failure = failures.whileSending(e, message, client);
            if (failure.channelBroken()) {
                broken = true;
                disconnect(failure);
            }
            throw failure;
        }
        String response = client.getLastServerResponse();
        SmtpReply reply = ServerResponse.toReply(response);
        return reply != null ? reply : new SmtpReply(client.getLastReturnCode(), null, response == null ? "" : response.strip());
    }

    /** Sends QUIT and closes the connection; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client.close();
        } catch (MessagingException e) {
            // QUIT is a courtesy (RFC 5321 section 4.1.1.10). When it fails the server has gone or
            // stopped answering, Angus has closed the socket anyway (in a finally block), and every
            // message sent on this channel already has its outcome: there is nothing left to report
            // to anyone, or to retry.
        } finally {
            whenClosed.run();
        }
    }

    /** The recipient as Angus wants it, without parsing: the address was checked when it was stored. */
    private InternetAddress envelopeAddress(OutgoingMessage message) throws DeliveryException {
        String address = message.recipient();
        if (address.isEmpty() || address.indexOf('@') < 1 || address.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == 127)) {
            throw failures.unusableRecipient(message);
        }
        InternetAddress recipient = new InternetAddress();
        recipient.setAddress(address);
        return recipient;
    }

    /** After a failure that broke the session: close the socket now rather than when the caller gets round to it. */
    private void disconnect(DeliveryException failure) {
        try {
            client.close();
        } catch (MessagingException e) {
            failure.addSuppressed(e);
        }
    }
}
