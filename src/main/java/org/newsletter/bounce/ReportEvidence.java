package org.newsletter.bounce;

import java.util.List;

/**
 * Clues in a report to whom and which campaign message it is about, strongest first: VERP tokens from
 * {@code bounces+TOKEN@} addresses, Message-IDs of the quoted original, unsubscribe tokens from its
 * quoted List-Unsubscribe header or links, and the failed recipients' addresses. Each list keeps the
 * order found, without repeats; nothing here is trusted until it is checked.
 */
record ReportEvidence(List<String> verpTokens, List<String> messageIds, List<String> unsubscribeTokens, List<String> addresses) {

    ReportEvidence {
        verpTokens = List.copyOf(verpTokens);
        messageIds = List.copyOf(messageIds);
        unsubscribeTokens = List.copyOf(unsubscribeTokens);
        addresses = List.copyOf(addresses);
    }
}
