package org.newsletter.store;

import org.newsletter.model.Subscriber;

/**
 * One line of a listing: the person and where they stand — their status on the queried list, or
 * every list as "slug:status slug:status" when no list was given.
 */
public record SubscriberRow(Subscriber subscriber, String status) {
}
