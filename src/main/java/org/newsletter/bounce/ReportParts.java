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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * What a walk over a report's MIME tree finds: the RFC 3464 per-recipient fields
 * ({@code message/delivery-status}), the RFC 5965 fields ({@code message/feedback-report}), the headers
 * of the original it quotes ({@code message/rfc822} or {@code text/rfc822-headers}, RFC 6522 section 3),
 * and the decoded text of every text part, where plain-text bounces paste the original.
 */
final class ReportParts {

    private static final int MAX_DEPTH = 8;
    private static final int MAX_TEXT = 1 << 20;

    final List<String> texts = new ArrayList<>();
    final List<String> quotedHeaders = new ArrayList<>();
    final List<String> quotedMessageIds = new ArrayList<>();
    final List<String> quotedRecipients = new ArrayList<>();
    List<MailboxReport.RecipientResult> deliveryStatus = List.of();
    InternetHeaders feedback;

    private ReportParts() {
    }

    static ReportParts of(MimeMessage message, Session session) throws MessagingException, IOException {
        ReportParts parts = new ReportParts();
        parts.walk(message, session, 0);
        return parts;
    }

    private void walk(Part part, Session session, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), session, depth + 1);
            }
        } else if (part.isMimeType("message/rfc822") || part.isMimeType("message/global")) {
            MimeMessage original = new MimeMessage(session, part.getInputStream());
            quoted(original.getAllHeaderLines(), original.getHeader("Message-ID", null), original.getHeader("To", ","));
            walk(original, session, depth + 1);
        } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("text/global-headers")) {
            InternetHeaders original = new InternetHeaders(part.getInputStream());
            quoted(original.getAllHeaderLines(), original.getHeader("Message-ID", null), original.getHeader("To", ","));
        } else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
            deliveryStatus = DeliveryStatusFields.parse(text(part));
        } else if (part.isMimeType("message/feedback-report")) {
            feedback = new InternetHeaders(part.getInputStream());
        } else if (part.isMimeType("text/*")) {
            texts.add(text(part));
        }
    }

    private void quoted(Enumeration<String> headerLines, String messageId, String to) {
        quotedHeaders.add(String.join("\n", Collections.list(headerLines)));
        String id = HeaderText.messageId(messageId);
        if (id != null) {
            quotedMessageIds.add(id);
        }
        quotedRecipients.addAll(HeaderText.addresses(to));
    }

    /** A part's decoded text in its charset (ISO-8859-1 when unknown: the ASCII clues read the same), at most 1 MB. */
    private static String text(Part part) throws MessagingException, IOException {
        Charset charset = StandardCharsets.ISO_8859_1;
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null && Charset.isSupported(MimeUtility.javaCharset(name))) {
                charset = Charset.forName(MimeUtility.javaCharset(name));
            }
        } catch (ParseException | IllegalArgumentException e) {
            charset = StandardCharsets.ISO_8859_1; // a malformed charset parameter: read as bytes
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_TEXT), charset);
        }
    }
}
