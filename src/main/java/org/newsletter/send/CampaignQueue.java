package org.newsletter.send;

import java.util.List;
import org.newsletter.model.Campaign;
import org.newsletter.model.UserInputException;
import org.newsletter.store.Store;

/**
 * Sends what is left of several existing campaigns, one after another, as the background jobs do
 * (unfinished scheduled campaigns, automatic retries, welcome mails): one that cannot be planned (its
 * issue folder is gone, or changed) is reported and the others still go.
 */
final class CampaignQueue {

    private final CampaignSender sender;
    private final Store store;

    CampaignQueue(CampaignSender sender, Store store) {
        this.sender = sender;
        this.store = store;
    }

    /** A step before a campaign is sent, e.g. queuing its failures again; false skips the campaign. */
    @FunctionalInterface
    interface Prepare {
        boolean prepare(Campaign campaign);
    }

    /** Returns how many campaigns it sent to. */
    int run(List<Long> ids, String what, boolean allowChanged, Prepare prepare, ScheduledSends.Listener listener, SendProgress progress,
            StopRequest stop) throws InterruptedException {
        int ran = 0;
        for (long id : ids) {
            if (stop.requested()) {
                break;
            }
            Campaign campaign = store.campaigns().find(id).orElse(null);
            if (campaign == null) {
                continue;
            }
            SendPlan plan;
            try {
                plan = sender.plan(campaign, allowChanged);
            } catch (UserInputException e) {
                listener.failed(what + " (campaign " + id + ")", e.getMessage());
                continue;
            }
            if (!prepare.prepare(campaign)) {
                continue;
            }
            Campaign current = store.campaigns().find(id).orElseThrow();
            listener.sending(current, plan, true);
            listener.finished(current, sender.run(current, plan, progress, stop));
            ran++;
        }
        return ran;
    }
}
