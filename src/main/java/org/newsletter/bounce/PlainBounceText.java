package org.newsletter.bounce;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bounces that are not RFC 3464 reports but plain text written for people, as old Exim
 * ("This message was created automatically by mail delivery software", with X-Failed-Recipients) and
 * qmail ("Hi. This is the qmail-send program") send them, usually followed by a copy of the original.
 * The status is the first RFC 3463 code in the text (5.1.1, or qmail's "#5.1.1"), else the first SMTP
 * reply code after words like "said" or "error"; the failed recipients are X-Failed-Recipients, else
 * qmail's {@code <address>:} lines, else Exim's indented address lines.
 */
final class PlainBounceText {

    private static final Pattern ENHANCED_STATUS = Pattern.compile("(?<![\\d.])([245]\\.[0-7]\\.\\d{1,3})(?![\\d.])");
    private static final Pattern SMTP_REPLY = Pattern.compile("(?i)(?:said|error|reply|response|failed)[^\\n]{0,120}?\\b([45][0-5]\\d)\\b");
    private static final Pattern QMAIL_RECIPIENT = Pattern.compile("(?m)^<([^<>\\s@]+@[^<>\\s]+)>:");
    private static final Pattern INDENTED_ADDRESS = Pattern.compile("(?m)^[ \\t]{2,}([^\\s@<>]+@[^\\s@<>]+\\.[A-Za-z]{2,})[ \\t]*$");

    private PlainBounceText() {
    }

    /** The failed recipients the text names, each with the text's status; empty when it gives no status at all. */
    static List<MailboxReport.RecipientResult> read(String text, List<String> failedRecipients) {
        String status = "";
        String diagnostic = "";
        Matcher enhanced = ENHANCED_STATUS.matcher(text);
        Matcher reply = SMTP_REPLY.matcher(text);
        if (enhanced.find()) {
            status = enhanced.group(1);
            diagnostic = lineAround(text, enhanced.start());
        } else if (reply.find()) {
            status = reply.group(1).charAt(0) + ".0.0";
            diagnostic = lineAround(text, reply.start(1));
        } else {
            return List.of();
        }
        Set<String> addresses = new LinkedHashSet<>(failedRecipients);
        if (addresses.isEmpty()) {
            addresses.addAll(HeaderText.all(QMAIL_RECIPIENT, text));
        }
        if (addresses.isEmpty()) {
            addresses.addAll(HeaderText.all(INDENTED_ADDRESS, text));
        }
        if (addresses.isEmpty()) {
            addresses.add("");
        }
        List<MailboxReport.RecipientResult> results = new ArrayList<>();
        for (String address : addresses) {
            results.add(new MailboxReport.RecipientResult(address, "failed", status, diagnostic));
        }
        return results;
    }

    private static String lineAround(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        String line = text.substring(start, end < 0 ? text.length() : end).strip();
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
