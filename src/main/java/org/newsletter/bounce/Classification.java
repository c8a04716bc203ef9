package org.newsletter.bounce;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.newsletter.model.BounceKind;

/**
 * What a report calls for, decided from its content alone. A failed recipient's RFC 3463 status says
 * hard (class 5, permanent) or soft (class 4, persistent transient); RFC 3464 "delayed" warnings and
 * success reports call for nothing, since the server is still trying or has delivered. Of RFC 5965
 * feedback types, abuse, fraud and other are complaints; not-spam, virus and auth-failure reports are
 * about something else.
 */
sealed interface Classification {

    /** Record a bounce of this kind. */
    record Act(BounceKind kind, String status, String detail) implements Classification {
    }

    /** Understood, and nothing follows from it: the message is moved to the processed folder. */
    record NothingToDo(String why) implements Classification {
    }

    /** Not understood: the message stays in the mailbox and is listed. */
    record NotUnderstood(String why) implements Classification {
    }

    Set<String> COMPLAINT_TYPES = Set.of("abuse", "fraud", "other");
    Pattern STATUS_IN_TEXT = Pattern.compile("(?<![\\d.])([245]\\.[0-7]\\.\\d{1,3})(?![\\d.])|^\\s*([245])\\d\\d\\b");

    static Classification of(MailboxReport report) {
        return switch (report.type()) {
            case DELIVERY_STATUS, PLAIN_BOUNCE -> ofDeliveryResults(report);
            case FEEDBACK -> COMPLAINT_TYPES.contains(report.feedbackType()) || report.feedbackType().isEmpty()
                    ? new Act(BounceKind.COMPLAINT, report.feedbackType().isEmpty() ? "abuse" : report.feedbackType(), "feedback report from " + report.from())
                    : new NothingToDo("a feedback report of type '" + report.feedbackType() + "', not a complaint");
            case UNSUBSCRIBE_REQUEST -> new Act(BounceKind.UNSUBSCRIBE, "", "mailed by " + report.from());
            case OTHER -> new NotUnderstood("not a bounce, complaint or unsubscribe request");
        };
    }

    private static Classification ofDeliveryResults(MailboxReport report) {
        List<MailboxReport.RecipientResult> results = report.recipients();
        if (results.isEmpty()) {
            return new NotUnderstood(report.type() == MailboxReport.Type.PLAIN_BOUNCE
                    ? "looks like a bounce but gives no status code" : "a delivery report without recipient fields");
        }
        MailboxReport.RecipientResult failed = results.stream().filter(r -> r.action().equals("failed")).findFirst().orElse(null);
        if (failed == null) {
            return results.stream().anyMatch(r -> r.action().equals("delayed"))
                    ? new NothingToDo("a delay warning (RFC 3464 'delayed': the server is still trying)")
                    : new NothingToDo("a delivery report without failures ("
                            + results.stream().map(MailboxReport.RecipientResult::action).distinct().collect(Collectors.joining(", ")) + ")");
        }
        String status = failed.status().isEmpty() ? statusIn(failed.diagnostic()) : failed.status();
        BounceKind kind = status.startsWith("4") ? BounceKind.SOFT_BOUNCE : BounceKind.HARD_BOUNCE;
        return new Act(kind, status, failed.diagnostic());
    }

    /** The RFC 3463 code in a diagnostic, or the class of its SMTP reply code (550 → 5.0.0); empty when it has neither. */
    private static String statusIn(String diagnostic) {
        Matcher m = STATUS_IN_TEXT.matcher(diagnostic);
        if (!m.find()) {
            return "";
        }
        return m.group(1) != null ? m.group(1) : m.group(2) + ".0.0";
    }
}
