package org.newsletter.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.newsletter.store.Store;

/**
 * What {@code serve} does instead of someone running {@code campaigns retry}: deliveries that failed
 * temporarily (after every retry of their run) are queued again once {@link #BACKOFF} has passed since
 * they failed, and sent, for campaigns begun in the last {@link #GIVE_UP} (as mail servers keep
 * trying a message for a few days and then give up). Several processes may do this at once: queuing
 * again is one update, and each process then claims different recipients.
 */
public final class AutomaticRetries {

    public static final Duration BACKOFF = Duration.ofMinutes(30);
    public static final Duration GIVE_UP = Duration.ofDays(3);

    private final CampaignSender sender;
    private final Store store;
    private final Clock clock;

    public AutomaticRetries(CampaignSender sender, Store store, Clock clock) {
        this.sender = sender;
        this.store = store;
        this.clock = clock;
    }

    /** Retries what is due, campaign by campaign, until done or {@code stop}; returns how many campaigns it sent to. */
    public int runDue(ScheduledSends.Listener listener, SendProgress progress, StopRequest stop) throws InterruptedException {
        Instant now = clock.instant();
        Instant before = now.minus(BACKOFF);
        return new CampaignQueue(sender, store).run(store.campaigns().retryable(before, now.minus(GIVE_UP)), "retry", false,
                campaign -> store.campaigns().retryFailedBefore(campaign.id(), before) > 0, listener, progress, stop);
    }
}
