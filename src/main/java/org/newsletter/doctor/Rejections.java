package org.newsletter.doctor;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain words for the SMTP replies in which Gmail and Outlook.com name the sender rule a message broke,
 * by their enhanced status code (RFC 3463): Gmail's sender guidelines (enforced from November 2025) and
 * Outlook.com's high-volume sender requirements (from May 2025). Each points at {@code newsletter doctor},
 * which checks the matching item.
 */
public final class Rejections {

    private static final Pattern CODE = Pattern.compile("(?<![\\d.])([45]\\.7\\.\\d{1,3})(?![\\d.])");
    private static final Map<String, String> MEANING = Map.ofEntries(
            Map.entry("4.7.23", "Gmail: the sending address has no reverse DNS (PTR) that resolves back to it"),
            Map.entry("5.7.25", "Gmail: the sending address has no reverse DNS (PTR) that resolves back to it"),
            Map.entry("4.7.27", "Gmail: SPF did not pass for the envelope domain"),
            Map.entry("5.7.27", "Gmail: SPF did not pass for the envelope domain"),
            Map.entry("4.7.29", "Gmail: the connection was not encrypted (TLS)"),
            Map.entry("5.7.29", "Gmail: the connection was not encrypted (TLS)"),
            Map.entry("4.7.30", "Gmail: the message has no valid DKIM signature"),
            Map.entry("5.7.30", "Gmail: the message has no valid DKIM signature"),
            Map.entry("4.7.31", "Gmail: the From domain has no DMARC record"),
            Map.entry("4.7.32", "Gmail: the From domain is not aligned with the DKIM or SPF domain (DMARC)"),
            Map.entry("5.7.26", "Gmail: the message failed authentication (SPF, DKIM and DMARC)"),
            Map.entry("5.7.515", "Outlook.com: the sending domain does not meet its authentication level (SPF, DKIM and DMARC)"));

    private Rejections() {
    }

    /** What {@code reply} means and what to run, when it names a sender rule; empty otherwise. */
    public static Optional<String> explain(String reply) {
        if (reply == null) {
            return Optional.empty();
        }
        Matcher code = CODE.matcher(reply);
        while (code.find()) {
            String meaning = MEANING.get(code.group(1));
            if (meaning != null) {
                return Optional.of(meaning + "; run newsletter doctor");
            }
        }
        return Optional.empty();
    }
}
