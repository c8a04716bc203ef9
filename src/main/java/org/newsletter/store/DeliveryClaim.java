package org.newsletter.store;

/**
 * One recipient this process has claimed: the row is in state {@code sending} and belongs to it until
 * the outcome is recorded.
 *
 * @param attempt 1 for the first try, then 2, 3… after temporary failures
 */
public record DeliveryClaim(long deliveryId, long subscriberId, String email, String name, int attempt) {
}
