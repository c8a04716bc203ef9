package org.newsletter.bounce;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Clues in a report to whom and which campaign message it is about, strongest first: VERP tokens from
 * {@code bounces+TOKEN@} addresses, Message-IDs of the quoted original, unsubscribe tokens from its
 * quoted List-Unsubscribe header or links, and the failed recipients' addresses. Each list keeps the
 * order found, without repeats; nothing here is trusted until it is checked ({@link ReportMatcher}).
 */
record ReportEvidence(List<String> verpTokens, List<String> messageIds, List<String> unsubscribeTokens, List<String> addresses) {

    /** A signed token as {@code SubscriberTokens} writes it: SUBJECT.OBJECT.MAC. */
    private static final String TOKEN = "(\\d{1,18}\\.\\d{1,18}\\.[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])";
    private static final Pattern VERP = Pattern.compile("[A-Za-z0-9._%-]\\+" + TOKEN + "@");
    private static final Pattern UNSUBSCRIBE_LINK = Pattern.compile("(?i)(?:/u/|subject=unsubscribe%20)" + TOKEN);
    private static final Pattern QUOTED_MESSAGE_ID = Pattern.compile("(?im)^[>\\s]*Message-ID:[ \\t]*<([^<>\\s]+)>");

    ReportEvidence {
        verpTokens = List.copyOf(verpTokens);
        messageIds = List.copyOf(messageIds);
        unsubscribeTokens = List.copyOf(unsubscribeTokens);
        addresses = List.copyOf(addresses);
    }

    /**
     * Collects the clues. VERP addresses are looked for everywhere, the report's own header included (a
     * bounce is addressed to the VERP address); Message-IDs in the quoted original, pasted originals and the
     * report's In-Reply-To and References, but never the report's own; unsubscribe tokens only in what the
     * report quotes.
     *
     * @param ownId the report's own Message-ID, or null
     */
    static ReportEvidence collect(MimeMessage report, String ownId, ReportParts parts, List<MailboxReport.RecipientResult> recipients,
            List<String> failedRecipients) throws MessagingException {
        Set<String> addresses = new LinkedHashSet<>();
        recipients.forEach(r -> addresses.add(r.address()));
        addresses.addAll(failedRecipients);
        if (parts.feedback != null) {
            addresses.addAll(HeaderText.addresses(parts.feedback.getHeader("Original-Rcpt-To", ",")));
        }
        addresses.addAll(parts.quotedRecipients);
        addresses.remove("");

        Set<String> messageIds = new LinkedHashSet<>(parts.quotedMessageIds);
        parts.texts.forEach(text -> messageIds.addAll(HeaderText.all(QUOTED_MESSAGE_ID, text)));
        messageIds.addAll(HeaderText.all(HeaderText.ANGLE_ID, header(report, "In-Reply-To") + " " + header(report, "References")));
        messageIds.remove(ownId);

        List<String> quoted = new ArrayList<>(parts.texts);
        quoted.addAll(parts.quotedHeaders);
        List<String> everywhere = new ArrayList<>(quoted);
        everywhere.add(0, String.join("\n", Collections.list(report.getAllHeaderLines())));
        if (parts.feedback != null) {
            everywhere.add(String.join("\n", Collections.list(parts.feedback.getAllHeaderLines())));
        }
        return new ReportEvidence(allIn(VERP, everywhere), List.copyOf(messageIds), allIn(UNSUBSCRIBE_LINK, quoted), List.copyOf(addresses));
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, " ");
        return value == null ? "" : value;
    }

    private static List<String> allIn(Pattern pattern, List<String> texts) {
        Set<String> found = new LinkedHashSet<>();
        texts.forEach(text -> found.addAll(HeaderText.all(pattern, text)));
        return List.copyOf(found);
    }
}
