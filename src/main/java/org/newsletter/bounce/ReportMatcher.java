package org.newsletter.bounce;

import java.util.Optional;
import java.util.regex.Matcher;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.store.BounceRepository;

/**
 * Finds whom a report is about, trusting the strongest clue that checks out: the signed VERP token of
 * the envelope sender ({@code bounces+CAMPAIGN.SUBSCRIBER.MAC@}, which names campaign and person and
 * cannot be forged), else the original's Message-ID in the delivery journal, else a signed unsubscribe
 * token in the quoted List-Unsubscribe header or links, else a failed recipient's address. A mailed
 * unsubscribe is matched only by the signed token in its subject: the From address of a mail proves
 * nothing, so nobody can unsubscribe someone else.
 */
final class ReportMatcher {

    /** Whom the report is about, and which clue said so. */
    record Match(BounceRepository.Target target, String how) {
    }

    private final BounceRepository bounces;
    private final SubscriberTokens tokens;

    ReportMatcher(BounceRepository bounces, SubscriberTokens tokens) {
        this.bounces = bounces;
        this.tokens = tokens;
    }

    Optional<Match> match(MailboxReport report) {
        if (report.type() == MailboxReport.Type.UNSUBSCRIBE_REQUEST) {
            Matcher subject = ReportReader.UNSUBSCRIBE_SUBJECT.matcher(report.subject());
            return subject.matches() ? byUnsubscribeToken(subject.group(1), "unsubscribe token") : Optional.empty();
        }
        ReportEvidence evidence = report.evidence();
        for (String token : evidence.verpTokens()) {
            Optional<Match> match = tokens.verify(SubscriberTokens.Purpose.BOUNCE, token)
                    .flatMap(ids -> bounces.delivery(ids.first(), ids.second())).map(t -> new Match(t, "VERP address"));
            if (match.isPresent()) {
                return match;
            }
        }
        for (String messageId : evidence.messageIds()) {
            Optional<Match> match = bounces.messageId(messageId).map(t -> new Match(t, "Message-ID"));
            if (match.isPresent()) {
                return match;
            }
        }
        for (String token : evidence.unsubscribeTokens()) {
            Optional<Match> match = byUnsubscribeToken(token, "List-Unsubscribe token");
            if (match.isPresent()) {
                return match;
            }
        }
        for (String address : evidence.addresses()) {
            Optional<Match> match = parse(address).flatMap(bounces::address).map(t -> new Match(t, "recipient address"));
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    private Optional<Match> byUnsubscribeToken(String token, String how) {
        return tokens.verify(SubscriberTokens.Purpose.UNSUBSCRIBE, token)
                .flatMap(ids -> bounces.subscription(ids.first(), ids.second())).map(t -> new Match(t, how));
    }

    private static Optional<EmailAddress> parse(String address) {
        try {
            return Optional.of(EmailAddress.parse(address));
        } catch (InvalidAddressException e) {
            return Optional.empty(); // a redacted or garbled address in a report names nobody
        }
    }
}
