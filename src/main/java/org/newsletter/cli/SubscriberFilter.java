package org.newsletter.cli;

import org.newsletter.model.MailingList;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.model.UserInputException;
import org.newsletter.store.Store;
import org.newsletter.store.SubscriberQuery;
import org.newsletter.store.segment.Segment;
import org.newsletter.store.segment.SegmentParser;
import org.newsletter.store.segment.SegmentSyntaxException;
import picocli.CommandLine.Option;

/** The --list, --status and --segment options shared by list and export. */
final class SubscriberFilter {

    @Option(names = "--list", paramLabel = "LIST", description = "Only people on this list (and show their status on it).")
    String list;

    @Option(names = "--status", paramLabel = "STATUS", description = "pending, subscribed or unsubscribed.")
    String status;

    @Option(names = "--segment", paramLabel = "EXPR", description = "e.g. 'tag:cuppa and not attr.city=London'.")
    String segment;

    SubscriberQuery query(Store store) {
        MailingList mailingList = list == null ? null : store.lists().require(list);
        SubscriptionStatus wanted;
        try {
            wanted = status == null ? null : SubscriptionStatus.fromWord(status);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        Segment parsed = null;
        if (segment != null) {
            try {
                parsed = SegmentParser.parse(segment);
            } catch (SegmentSyntaxException e) {
                throw new UserInputException(e.getMessage() + " in '" + segment + "'");
            }
        }
        return new SubscriberQuery(mailingList, wanted, parsed);
    }
}
