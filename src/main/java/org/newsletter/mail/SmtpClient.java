package org.newsletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTPTransport, remembering which step of a mail transaction (RFC 5321 section 3.3) it is in,
 * so a failure can say whether the message may have been delivered, and able to say whether it is
 * still connected without asking the server ({@code isConnected()} sends a NOOP).
 */
final class SmtpClient extends SMTPTransport {

    /** The steps of one transaction, in order. */
    enum Step {
        /** Not sending: connecting, or between messages. */
        IDLE("before sending"),
        MAIL("at MAIL FROM"),
        RCPT("at RCPT TO"),
        /** The DATA command, the message content and the final ".". */
        DATA("during DATA"),
        /** The final "." has been written and the reply is awaited: the server may have taken the message. */
        END_OF_DATA("after the end of DATA");

        private final String where;

        Step(String where) {
            this.where = where;
        }

        @Override
        public String toString() {
            return where;
        }
    }

    private Step step = Step.IDLE;
    private boolean answered;

    SmtpClient(Session session, URLName url) {
        super(session, url);
    }

    /** The step the last transaction reached; {@link Step#IDLE} before the first. */
    Step step() {
        return step;
    }

    void startTransaction() {
        step = Step.IDLE;
        answered = false;
    }

    /**
     * Whether the server has replied to anything since {@link #startTransaction()}: if not,
     * {@code getLastServerResponse()} is still the reply from an earlier transaction (Angus keeps the
     * last failure's reply after its RSET) and says nothing about this one.
     */
    boolean answeredThisTransaction() {
        return answered;
    }

    /** True until the connection is closed, by us or by Angus after an I/O error. */
    boolean stillConnected() {
        try {
            checkConnected();
            return true;
        } catch (IllegalStateException notConnected) {
            return false;
        }
    }

    @Override
    protected void mailFrom() throws MessagingException {
        step = Step.MAIL;
        super.mailFrom();
    }

    @Override
    protected void rcptTo() throws MessagingException {
        step = Step.RCPT;
        super.rcptTo();
    }

    @Override
    protected OutputStream data() throws MessagingException {
        step = Step.DATA;
        return super.data();
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        int code = super.readServerResponse();
        answered = true;
        return code;
    }

    /** The final "." goes through here (Angus writes the content to the stream directly): once it is out, the server may take the message. */
    @Override
    protected void sendCommand(String command) throws MessagingException {
        super.sendCommand(command);
        if (step == Step.DATA && command.equals(".")) {
            step = Step.END_OF_DATA;
        }
    }
}
