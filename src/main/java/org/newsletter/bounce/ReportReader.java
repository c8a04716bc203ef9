package org.newsletter.bounce;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reads one message of the bounce mailbox into a {@link MailboxReport}: what kind it is (an RFC 3464
 * delivery status notification, an RFC 5965 feedback report, a mailed unsubscribe, a plain-text bounce,
 * or something else), the per-recipient results, and every clue to whom it is about. Reading decides
 * nothing and touches nothing.
 */
final class ReportReader {

    /** The subject a List-Unsubscribe {@code mailto:} gives (RFC 2369): "unsubscribe TOKEN". */
    static final Pattern UNSUBSCRIBE_SUBJECT = Pattern.compile("(?i)^\\s*(?:re:\\s*)?unsubscribe(?:\\s+(\\S+))?\\s*$");
    private static final Pattern BOUNCE_SENDER = Pattern.compile("(?i)mailer-daemon|postmaster|mail delivery (subsystem|system)");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)undeliver|delivery status notification|delivery (has )?fail|returned mail|failure notice|mail delivery failed|non-?delivery"
                    + "|could not be delivered|delivery incomplete");

    private final Session session = Session.getInstance(new Properties());

    MailboxReport read(byte[] raw) throws UnreadableReportException {
        MimeMessage message;
        try {
            message = new MimeMessage(session, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new UnreadableReportException("a message whose header cannot be read: " + e.getMessage(), e);
        }
        try {
            return read(message, raw);
        } catch (MessagingException | IOException e) {
            throw new UnreadableReportException(describe(message) + ": cannot be read as MIME: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Jakarta Mail parses lazily and throws unchecked exceptions on some broken input; the message
            // stays in the mailbox and the reason is listed, so nothing is lost.
            throw new UnreadableReportException(describe(message) + ": cannot be read as MIME: " + e, e);
        }
    }

    private MailboxReport read(MimeMessage message, byte[] raw) throws MessagingException, IOException {
        ReportParts parts = ReportParts.of(message, session);
        String id = HeaderText.messageId(message.getHeader("Message-ID", null));
        String subject = HeaderText.decoded(message.getHeader("Subject", null));
        String from = HeaderText.decoded(message.getHeader("From", null));
        List<String> failed = HeaderText.addresses(message.getHeader("X-Failed-Recipients", ","));
        MailboxReport.Type type = type(message, parts, from, subject, !failed.isEmpty());
        List<MailboxReport.RecipientResult> recipients = switch (type) {
            case DELIVERY_STATUS -> parts.deliveryStatus;
            case PLAIN_BOUNCE -> PlainBounceText.read(String.join("\n", parts.texts), failed);
            default -> List.of();
        };
        String feedbackType = parts.feedback == null ? "" : firstWord(parts.feedback.getHeader("Feedback-Type", null));
        return new MailboxReport(id != null ? "<" + id + ">" : "sha256:" + sha256(raw), sentDate(message), from, subject, type, recipients,
                feedbackType, ReportEvidence.collect(message, id, parts, recipients, failed));
    }

    /**
     * The kind of message. A multipart/report is what its report-type says when the report part is
     * there; a delivery report without one is read as a plain-text bounce. A mail whose subject is
     * "unsubscribe …" is a mailed unsubscribe. A plain-text bounce comes from a mailer daemon, names its
     * failed recipients, or says so in its subject; an out-of-office reply (RFC 3834 Auto-Submitted:
     * auto-replied) with such a subject is not one.
     */
    private static MailboxReport.Type type(MimeMessage message, ReportParts parts, String from, String subject, boolean failedRecipients)
            throws MessagingException {
        String reportType = reportType(message.getContentType());
        if (reportType.endsWith("delivery-status") && !parts.deliveryStatus.isEmpty()) {
            return MailboxReport.Type.DELIVERY_STATUS;
        }
        if (reportType.equals("feedback-report") && parts.feedback != null) {
            return MailboxReport.Type.FEEDBACK;
        }
        if (UNSUBSCRIBE_SUBJECT.matcher(subject).matches()) {
            return MailboxReport.Type.UNSUBSCRIBE_REQUEST;
        }
        String autoSubmitted = message.getHeader("Auto-Submitted", null);
        boolean autoReply = autoSubmitted != null && autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("auto-replied");
        if (failedRecipients || reportType.endsWith("delivery-status") || BOUNCE_SENDER.matcher(from).find()
                || !autoReply && BOUNCE_SUBJECT.matcher(subject).find()) {
            return MailboxReport.Type.PLAIN_BOUNCE;
        }
        return MailboxReport.Type.OTHER;
    }

    /** The subject and sender of a message whose header could be read, for listing it. */
    private static String describe(MimeMessage message) {
        try {
            return MailboxReport.describe(HeaderText.decoded(message.getHeader("Subject", null)), HeaderText.decoded(message.getHeader("From", null)));
        } catch (MessagingException e) {
            return "a message with an unreadable header (" + e.getMessage() + ")";
        }
    }

    /** The report's Date, or null when it has no readable one (then the time of processing counts). */
    private static Instant sentDate(MimeMessage message) throws MessagingException {
        java.util.Date sent = message.getSentDate();
        return sent == null ? null : sent.toInstant();
    }

    private static String reportType(String contentType) {
        try {
            ContentType type = new ContentType(contentType == null ? "text/plain" : contentType);
            String reportType = type.getParameter("report-type");
            return type.match("multipart/report") ? (reportType == null ? "unknown" : reportType.toLowerCase(Locale.ROOT)) : "";
        } catch (ParseException e) {
            return ""; // an unreadable Content-Type: treated as no report, and judged by its sender and subject
        }
    }

    private static String firstWord(String value) {
        return value == null ? "" : value.strip().split("\\s", 2)[0].toLowerCase(Locale.ROOT);
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
