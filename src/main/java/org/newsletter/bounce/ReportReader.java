package org.newsletter.bounce;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one message of the bounce mailbox into a {@link MailboxReport}: what kind it is (an RFC 3464
 * delivery status notification, an RFC 5965 feedback report, a mailed unsubscribe, a plain-text bounce,
 * or something else), the per-recipient results, and every clue to whom it is about, from the report
 * itself and from the original message it quotes ({@code message/rfc822}, {@code text/rfc822-headers},
 * or pasted inline as plain-text bounces do). Reading decides nothing and touches nothing.
 */
final class ReportReader {

    /** A signed token as {@code SubscriberTokens} writes it: SUBJECT.OBJECT.MAC. */
    private static final String TOKEN = "(\\d{1,18}\\.\\d{1,18}\\.[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])";
    private static final Pattern VERP = Pattern.compile("[A-Za-z0-9._%-]\\+" + TOKEN + "@");
    private static final Pattern UNSUBSCRIBE_LINK = Pattern.compile("(?i)(?:/u/|subject=unsubscribe%20)" + TOKEN);
    /** The subject a List-Unsubscribe {@code mailto:} gives (RFC 2369): "unsubscribe TOKEN". */
    static final Pattern UNSUBSCRIBE_SUBJECT = Pattern.compile("(?i)^\\s*(?:re:\\s*)?unsubscribe(?:\\s+(\\S+))?\\s*$");
    private static final Pattern QUOTED_MESSAGE_ID = Pattern.compile("(?im)^[>\\s]*Message-ID:[ \\t]*<([^<>\\s]+)>");
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern BOUNCE_SENDER = Pattern.compile("(?i)mailer-daemon|postmaster|mail delivery (subsystem|system)");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)undeliver|delivery status notification|delivery (has )?fail|returned mail|failure notice|mail delivery failed|non-?delivery"
                    + "|could not be delivered|delivery incomplete");
    private static final int MAX_DEPTH = 8;

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

    /** The subject and sender of a message whose header could be read, for listing it. */
    private static String describe(MimeMessage message) {
        try {
            return MailboxReport.describe(decoded(message.getHeader("Subject", null)), decoded(message.getHeader("From", null)));
        } catch (MessagingException e) {
            return "a message with an unreadable header (" + e.getMessage() + ")";
        }
    }

    private MailboxReport read(MimeMessage message, byte[] raw) throws MessagingException, IOException {
        Found found = new Found();
        walk(message, found, 0);
        String id = messageId(message.getHeader("Message-ID", null));
        String reportId = id != null ? "<" + id + ">" : "sha256:" + sha256(raw);
        String subject = decoded(message.getHeader("Subject", null));
        String from = decoded(message.getHeader("From", null));

        List<String> headerLines = Collections.list(message.getAllHeaderLines());
        String outerHeaders = String.join("\n", headerLines);
        List<String> failed = addressList(message.getHeader("X-Failed-Recipients", ","));
        MailboxReport.Type type = type(message, found, from, subject, !failed.isEmpty());

        List<MailboxReport.RecipientResult> recipients = switch (type) {
            case DELIVERY_STATUS -> found.deliveryStatus;
            case PLAIN_BOUNCE -> PlainBounceText.read(String.join("\n", found.texts), failed);
            default -> List.of();
        };
        String feedbackType = found.feedback == null ? "" : first(found.feedback.getHeader("Feedback-Type", null));

        Set<String> addresses = new LinkedHashSet<>();
        recipients.forEach(r -> addresses.add(r.address()));
        addresses.addAll(failed);
        if (found.feedback != null) {
            addresses.addAll(addressList(found.feedback.getHeader("Original-Rcpt-To", ",")));
        }
        addresses.addAll(found.quotedRecipients);
        addresses.remove("");

        Set<String> messageIds = new LinkedHashSet<>(found.quotedMessageIds);
        for (String text : found.texts) {
            messageIds.addAll(all(QUOTED_MESSAGE_ID, text));
        }
        messageIds.addAll(all(ANGLE_ID, nonNull(message.getHeader("In-Reply-To", " ")) + " " + nonNull(message.getHeader("References", " "))));
        messageIds.remove(id);

        List<String> quoted = new ArrayList<>(found.texts);
        quoted.addAll(found.quotedHeaders);
        List<String> everywhere = new ArrayList<>(quoted);
        everywhere.add(0, outerHeaders);
        if (found.feedback != null) {
            everywhere.add(String.join("\n", Collections.list(found.feedback.getAllHeaderLines())));
        }
        ReportEvidence evidence = new ReportEvidence(allIn(VERP, everywhere), List.copyOf(messageIds), allIn(UNSUBSCRIBE_LINK, quoted),
                List.copyOf(addresses));
        return new MailboxReport(reportId, sentDate(message), from, subject, type, recipients, feedbackType, evidence);
    }

    private static MailboxReport.Type type(MimeMessage message, Found found, String from, String subject, boolean failedRecipients)
            throws MessagingException {
        String reportType = reportType(message.getContentType());
        if (reportType.endsWith("delivery-status") && !found.deliveryStatus.isEmpty()) {
            return MailboxReport.Type.DELIVERY_STATUS;
        }
        if (reportType.equals("feedback-report") && found.feedback != null) {
            return MailboxReport.Type.FEEDBACK;
        }
        if (UNSUBSCRIBE_SUBJECT.matcher(subject).matches()) {
            return MailboxReport.Type.UNSUBSCRIBE_REQUEST;
        }
        String autoSubmitted = nonNull(message.getHeader("Auto-Submitted", null)).toLowerCase(Locale.ROOT);
        // RFC 3834: out-of-office replies say auto-replied; bounces do too, but come from a mailer daemon or name the failed recipients
        boolean autoReply = autoSubmitted.startsWith("auto-replied");
        if (failedRecipients || reportType.endsWith("delivery-status") || BOUNCE_SENDER.matcher(from).find() || !autoReply && BOUNCE_SUBJECT.matcher(subject).find()) {
            return MailboxReport.Type.PLAIN_BOUNCE;
        }
        return MailboxReport.Type.OTHER;
    }

    /** Walks the MIME tree, collecting the report parts, the quoted original's headers and every text. */
    private void walk(Part part, Found found, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), found, depth + 1);
            }
        } else if (part.isMimeType("message/rfc822") || part.isMimeType("message/global")) {
            MimeMessage original = new MimeMessage(session, part.getInputStream());
            found.quoted(original.getAllHeaderLines(), original.getHeader("Message-ID", null), original.getHeader("To", ","));
            walk(original, found, depth + 1);
        } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("text/global-headers")) {
            InternetHeaders original = new InternetHeaders(part.getInputStream());
            found.quoted(original.getAllHeaderLines(), original.getHeader("Message-ID", null), original.getHeader("To", ","));
        } else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
            found.deliveryStatus = DeliveryStatusFields.parse(text(part));
        } else if (part.isMimeType("message/feedback-report")) {
            found.feedback = new InternetHeaders(part.getInputStream());
        } else if (part.isMimeType("text/*")) {
            found.texts.add(text(part));
        }
    }

    /** What the walk found. */
    private static final class Found {
        final List<String> texts = new ArrayList<>();
        final List<String> quotedHeaders = new ArrayList<>();
        final List<String> quotedMessageIds = new ArrayList<>();
        final List<String> quotedRecipients = new ArrayList<>();
        List<MailboxReport.RecipientResult> deliveryStatus = List.of();
        InternetHeaders feedback;

        void quoted(java.util.Enumeration<String> headerLines, String messageId, String to) {
            quotedHeaders.add(String.join("\n", Collections.list(headerLines)));
            String id = messageId(messageId);
            if (id != null) {
                quotedMessageIds.add(id);
            }
            quotedRecipients.addAll(addressList(to));
        }
    }

    /** The report's Date, or null when it has no readable one (then the time of processing counts). */
    private static Instant sentDate(MimeMessage message) throws MessagingException {
        java.util.Date sent = message.getSentDate();
        return sent == null ? null : sent.toInstant();
    }

    private static String text(Part part) throws MessagingException, IOException {
        Charset charset = StandardCharsets.ISO_8859_1;
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null && Charset.isSupported(MimeUtility.javaCharset(name))) {
                charset = Charset.forName(MimeUtility.javaCharset(name));
            }
        } catch (ParseException | IllegalArgumentException e) {
            charset = StandardCharsets.ISO_8859_1; // a bad charset parameter: the ASCII clues we look for read the same
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(1 << 20), charset);
        }
    }

    private static String reportType(String contentType) {
        try {
            ContentType type = new ContentType(contentType == null ? "text/plain" : contentType);
            String reportType = type.getParameter("report-type");
            return type.match("multipart/report") ? (reportType == null ? "unknown" : reportType.toLowerCase(Locale.ROOT)) : "";
        } catch (ParseException e) {
            return "";
        }
    }

    static String messageId(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = ANGLE_ID.matcher(header);
        return m.find() ? m.group(1) : header.isBlank() ? null : header.strip();
    }

    private static List<String> addressList(String header) {
        List<String> addresses = new ArrayList<>();
        if (header == null) {
            return addresses;
        }
        for (String item : header.split(",")) {
            String address = DeliveryStatusFields.typed(item).replaceAll("^.*<|>.*$", "").strip();
            if (address.indexOf('@') > 0) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    private static List<String> allIn(Pattern pattern, List<String> texts) {
        Set<String> found = new LinkedHashSet<>();
        for (String text : texts) {
            found.addAll(all(pattern, text));
        }
        return List.copyOf(found);
    }

    /** Group 1 of every match, in order. */
    static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String decoded(String header) {
        if (header == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(header)).strip();
        } catch (java.io.UnsupportedEncodingException e) {
            return MimeUtility.unfold(header).strip(); // an unknown charset in an encoded-word: shown as written
        }
    }

    private static String first(String value) {
        return value == null ? "" : value.strip().split("\\s", 2)[0].toLowerCase(Locale.ROOT);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
