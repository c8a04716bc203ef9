package org.newsletter.bounce;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the body of a {@code message/delivery-status} part (RFC 3464 section 2.1): header-style fields
 * in blocks separated by blank lines, first the per-message fields, then one block per recipient
 * (Final-Recipient, Action, Status, Diagnostic-Code …). Values such as {@code rfc822; bob@example.org}
 * and {@code smtp; 550 5.1.1 …} lose their type prefix. Blocks without recipient fields are skipped, so
 * a report that leaves out the per-message block, as some do, is still read.
 */
final class DeliveryStatusFields {

    private DeliveryStatusFields() {
    }

    static List<MailboxReport.RecipientResult> parse(String body) throws MessagingException {
        List<MailboxReport.RecipientResult> recipients = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n[ \t]*\n")) {
            if (block.isBlank()) {
                continue;
            }
            InternetHeaders fields = new InternetHeaders(new ByteArrayInputStream((block.strip() + "\n\n").getBytes(StandardCharsets.ISO_8859_1)));
            String finalRecipient = typed(fields.getHeader("Final-Recipient", null));
            String originalRecipient = typed(fields.getHeader("Original-Recipient", null));
            String action = first(fields.getHeader("Action", null)).toLowerCase(Locale.ROOT);
            if (finalRecipient.isEmpty() && originalRecipient.isEmpty() && action.isEmpty()) {
                continue; // the per-message block
            }
            recipients.add(new MailboxReport.RecipientResult(finalRecipient.isEmpty() ? originalRecipient : finalRecipient, action,
                    first(fields.getHeader("Status", null)), typed(fields.getHeader("Diagnostic-Code", null))));
        }
        return recipients;
    }

    /** {@code rfc822; bob@example.org} → {@code bob@example.org}: the value after its address or diagnostic type. */
    static String typed(String value) {
        if (value == null) {
            return "";
        }
        String unfolded = value.replaceAll("\\s+", " ").strip();
        int semicolon = unfolded.indexOf(';');
        return (semicolon < 0 ? unfolded : unfolded.substring(semicolon + 1)).strip();
    }

    /** The first word: {@code 5.1.1 (bad destination mailbox address)} → {@code 5.1.1}. */
    private static String first(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        return value.strip().split("[\\s(]", 2)[0];
    }
}
