package org.newsletter.model;

/** A list with how many people stand where on it. */
public record ListSummary(MailingList list, long subscribed, long pending, long unsubscribed) {
}
