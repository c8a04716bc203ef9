package org.newsletter.store;

import java.util.Objects;
import org.newsletter.model.DeliveryState;

/**
 * What became of one claimed delivery, to be written to the journal.
 *
 * @param state       the new state: accepted, queued (try again at {@code retryAt}), failed-temporary,
 *                    failed-permanent
 * @param reply       the server's reply or the reason, kept for {@code campaigns show}
 * @param messageId   the Message-ID that was sent, or null when nothing was handed over
 * @param retryAt     epoch millis of the next try when the state is queued
 * @param handedOver  false when the message never reached the transport (the attempt is not counted)
 * @param suppress    true for "no such user": the address goes on the suppression list
 */
public record DeliveryOutcome(DeliveryClaim claim, DeliveryState state, String reply, String messageId, long retryAt, boolean handedOver,
        boolean suppress) {

    public DeliveryOutcome {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(state, "state");
        reply = reply == null ? "" : reply;
        if (state == DeliveryState.SENDING || state == DeliveryState.SKIPPED) {
            throw new IllegalArgumentException("an outcome cannot be " + state.word());
        }
    }

    public static DeliveryOutcome accepted(DeliveryClaim claim, String messageId, String reply) {
        return new DeliveryOutcome(claim, DeliveryState.ACCEPTED, reply, messageId, 0, true, false);
    }

    public static DeliveryOutcome retryLater(DeliveryClaim claim, String messageId, String reply, long retryAt) {
        return new DeliveryOutcome(claim, DeliveryState.QUEUED, reply, messageId, retryAt, true, false);
    }

    public static DeliveryOutcome notHandedOver(DeliveryClaim claim, String reason) {
        return new DeliveryOutcome(claim, DeliveryState.QUEUED, reason, null, 0, false, false);
    }

    public static DeliveryOutcome failed(DeliveryClaim claim, boolean permanent, String messageId, String reply, boolean suppress) {
        return new DeliveryOutcome(claim, permanent ? DeliveryState.FAILED_PERMANENT : DeliveryState.FAILED_TEMPORARY, reply, messageId, 0,
                true, suppress);
    }
}
