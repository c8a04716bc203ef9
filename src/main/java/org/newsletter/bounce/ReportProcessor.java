package org.newsletter.bounce;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.newsletter.config.BounceSettings;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.BounceKind;
import org.newsletter.store.BounceRepository;

/**
 * Handles one message of the bounce mailbox from its bytes: read it, decide what it calls for, find
 * whom it is about, record it. Says whether the message is done with (and may be moved to the
 * processed folder) or must stay where it is, with a line for the person running the command.
 */
final class ReportProcessor {

    /** What became of one message. */
    sealed interface Outcome {
        String line();
    }

    /** Done with: recorded now, recorded before, or nothing to do. */
    record Handled(String line) implements Outcome {
    }

    /** Not understood, or about nobody on file: it stays in the mailbox. */
    record Left(String line) implements Outcome {
    }

    private final ReportReader reader = new ReportReader();
    private final ReportMatcher matcher;
    private final BounceRepository bounces;
    private final BounceSettings.SoftBounceLimit softLimit;
    private final Clock clock;

    ReportProcessor(BounceRepository bounces, SubscriberTokens tokens, BounceSettings.SoftBounceLimit softLimit, Clock clock) {
        this.matcher = new ReportMatcher(bounces, tokens);
        this.bounces = bounces;
        this.softLimit = softLimit;
        this.clock = clock;
    }

    Outcome process(byte[] raw) {
        MailboxReport report;
        try {
            report = reader.read(raw);
        } catch (UnreadableReportException e) {
            return new Left(e.getMessage());
        }
        if (bounces.recorded(report.id())) {
            return new Handled("already recorded: " + report.describe());
        }
        Classification classification = Classification.of(report);
        if (classification instanceof Classification.NotUnderstood not) {
            return new Left(report.describe() + ": " + not.why());
        }
        if (classification instanceof Classification.NothingToDo nothing) {
            return new Handled("nothing to do: " + report.describe() + ": " + nothing.why());
        }
        Classification.Act act = (Classification.Act) classification;
        Optional<ReportMatcher.Match> match = matcher.match(report);
        if (match.isEmpty()) {
            return new Left(report.describe() + ": " + (act.kind() == BounceKind.UNSUBSCRIBE
                    ? "an unsubscribe request without a valid token; unsubscribe the sender by hand if it is genuine"
                    : "a " + act.kind().word() + " about nobody on file (no VERP address, Message-ID, token or recipient address matches)"));
        }
        BounceRepository.Target target = match.get().target();
        BounceRepository.Recorded recorded = bounces.record(new BounceRepository.NewBounce(report.id(), act.kind(), target, act.status(),
                act.detail(), when(report.date())), softLimit.count(), softLimit.window());
        if (!recorded.isNew()) {
            return new Handled("already recorded: " + report.describe()); // by another process a moment ago
        }
        return new Handled(describe(act, match.get(), recorded));
    }

    /** The report's date, unless it has none or claims to be from the future: then now. */
    private Instant when(Instant date) {
        Instant now = clock.instant();
        return date == null || date.isAfter(now) ? now : date;
    }

    private String describe(Classification.Act act, ReportMatcher.Match match, BounceRepository.Recorded recorded) {
        BounceRepository.Target target = match.target();
        StringBuilder line = new StringBuilder(act.kind().word());
        if (!act.status().isEmpty()) {
            line.append(' ').append(act.status());
        }
        line.append(' ').append(target.email());
        if (target.campaignId() != null) {
            line.append(", campaign ").append(target.campaignId());
        }
        line.append(" (by ").append(match.how()).append("): ");
        List<String> effects = new ArrayList<>();
        if (!recorded.unsubscribedFrom().isEmpty()) {
            effects.add("unsubscribed from " + String.join(", ", recorded.unsubscribedFrom()));
        }
        if (recorded.suppressed()) {
            effects.add("suppressed");
        }
        if (act.kind() == BounceKind.SOFT_BOUNCE && !recorded.suppressed()) {
            effects.add(recorded.softBounces() + " of " + softLimit + " before suppressing");
        }
        if (effects.isEmpty()) {
            effects.add(act.kind() == BounceKind.UNSUBSCRIBE ? "was not subscribed any more" : "already suppressed");
        }
        return line.append(String.join("; ", effects)).toString();
    }
}
