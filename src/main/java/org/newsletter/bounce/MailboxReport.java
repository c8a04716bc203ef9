package org.newsletter.bounce;

import java.time.Instant;
import java.util.List;

/**
 * What one message in the bounce mailbox says, as read, before anything is decided: which kind of
 * report it is, the per-recipient results it gives, and the clues that say whom and which message it
 * is about.
 *
 * @param id           the report's own Message-ID, or {@code sha256:HEX} of its bytes when it has none;
 *                     what makes recording it twice impossible
 * @param date         the report's Date, or null
 * @param recipients   RFC 3464 per-recipient results (or those a plain-text bounce names)
 * @param feedbackType for an RFC 5965 report, its Feedback-Type (abuse, fraud, not-spam …); else empty
 */
record MailboxReport(String id, Instant date, String from, String subject, Type type, List<RecipientResult> recipients,
        String feedbackType, ReportEvidence evidence) {

    /** The kinds of message the bounce mailbox receives. */
    enum Type {
        /** {@code multipart/report; report-type=delivery-status} (RFC 3464 / RFC 6522). */
        DELIVERY_STATUS,
        /** {@code multipart/report; report-type=feedback-report} (RFC 5965 ARF). */
        FEEDBACK,
        /** A mail to the List-Unsubscribe {@code mailto:} address (RFC 2369): subject "unsubscribe TOKEN". */
        UNSUBSCRIBE_REQUEST,
        /** A bounce that is not an RFC 3464 report but says it failed and quotes the original (old Exim, qmail). */
        PLAIN_BOUNCE,
        /** Anything else: auto-replies, people writing in, spam. */
        OTHER
    }

    /**
     * One recipient's result (RFC 3464 section 2.3).
     *
     * @param action     failed, delayed, delivered, relayed or expanded (lower case), or empty
     * @param status     the RFC 3463 status code such as 5.1.1, or empty
     * @param diagnostic the remote server's reply, without the "smtp;" type, or empty
     */
    record RecipientResult(String address, String action, String status, String diagnostic) {
    }

    /** A short, one-line name of the message for listings: its subject and sender. */
    String describe() {
        return describe(subject, from);
    }

    static String describe(String subject, String from) {
        return "'" + (subject.isBlank() ? "(no subject)" : subject) + "' from " + (from.isBlank() ? "(no sender)" : from);
    }
}
