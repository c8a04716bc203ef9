package org.newsletter.mail;

/**
 * Where messages go: an SMTP server or the local outbox. A transport opens channels; a campaign
 * sends through several at once (one per SMTP connection), each used by one thread at a time.
 */
public interface Transport {

    /** For summaries and logs, never with a password: e.g. {@code smtp://news@mail.example.org:587 (STARTTLS)}. */
    String describe();

    /**
     * A new connection (or the outbox's equivalent). A failure to connect is temporary; a refusal that
     * trying again cannot fix (a rejected login, a certificate that is not accepted, a server without
     * the required STARTTLS) is permanent: a configuration problem, not one of any recipient.
     */
    Channel open() throws DeliveryException;

    /** One connection. Not thread-safe: one sender thread owns it. */
    interface Channel extends AutoCloseable {

        /**
         * Hands one message over and returns the server's positive reply. Throws when the server
         * refuses it or the connection fails; {@link DeliveryException#channelBroken()} says whether
         * this channel can still be used.
         */
        SmtpReply send(OutgoingMessage message) throws DeliveryException;

        /** Ends the session politely (QUIT); never throws. */
        @Override
        void close();
    }
}
