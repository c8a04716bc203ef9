package org.newsletter.mail;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A finished message handed to Angus's SMTPTransport as it is: its bytes go out unchanged (a DKIM
 * signature must still verify), and nothing is parsed, encoded or generated per message.
 *
 * <p>What {@code SMTPTransport.sendMessage} asks of a message, checked against Angus 2.0.4:
 * {@code getSubject()} (for a tracing hook that does nothing; our header set is empty, so it is a
 * lookup that finds nothing), {@code getAllow8bitMIME()} (false: the 8BITMIME conversion, which would
 * rewrite parts and call {@code saveChanges()}, never runs; our messages are 7-bit anyway),
 * {@code getEnvelopeFrom()} for MAIL FROM (set here, so neither {@code mail.smtp.from} nor the From
 * header is consulted), the DSN, submitter, extension and send-partial options (all unset), and
 * finally {@code writeTo(OutputStream, String[])}. That writes our bytes; the ignore list (Bcc,
 * Content-Length) does not apply because we never put those headers in. Angus's data stream does the
 * dot-stuffing of RFC 5321 section 4.5.2 and ends the data with CRLF "." CRLF.
 * {@link #saveChanges()} does nothing: there are no headers to update.
 */
final class WireMessage extends SMTPMessage {

    private final byte[] bytes;

    WireMessage(Session session, OutgoingMessage message) {
        super(session);
        this.bytes = message.bytes();
        // An empty reverse-path (bounces, RFC 5321 section 4.5.5) must be written "<>": an empty
        // envelope sender would make Angus fall back to the local user name.
        setEnvelopeFrom(message.envelopeFrom().isEmpty() ? "<>" : message.envelopeFrom());
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
        out.write(bytes);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    @Override
    public int getSize() {
        return bytes.length;
    }

    @Override
    public void saveChanges() {
        // The message is final: nothing to update.
    }
}
