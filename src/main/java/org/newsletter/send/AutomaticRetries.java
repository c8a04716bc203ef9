package org.newsletter.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.newsletter.model.Campaign;
import org.newsletter.model.UserInputException;
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
        int ran = 0;
        for (long id : store.campaigns().retryable(before, now.minus(GIVE_UP))) {
            if (stop.requested()) {
                break;
            }
            Campaign campaign = store.campaigns().find(id).orElse(null);
            if (campaign == null) {
                continue;
            }
            SendPlan plan;
            try {
                plan = sender.plan(campaign, false);
            } catch (UserInputException e) {
                listener.failed("retry of campaign " + id, e.getMessage());
                continue;
            }
            if (store.campaigns().retryFailedBefore(id, before) > 0) {
                Campaign reopened = store.campaigns().find(id).orElseThrow();
                listener.sending(reopened, plan, true);
                listener.finished(reopened, sender.run(reopened, plan, progress, stop));
                ran++;
            }
        }
        return ran;
    }
}
