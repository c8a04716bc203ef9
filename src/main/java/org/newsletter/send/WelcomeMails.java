package org.newsletter.send;

import java.nio.file.Path;
import org.newsletter.model.Campaign;
import org.newsletter.model.MailingList;
import org.newsletter.store.Store;

/**
 * A list's welcome mail ({@code lists set --welcome}): a campaign of the issue that starts with nobody in
 * it. The store queues a delivery in it for each person who subscribes through the form or confirms;
 * {@link #runDue} sends those through the same journal as every campaign, so each person gets it once.
 */
public final class WelcomeMails {

    private final CampaignSender sender;
    private final Store store;

    public WelcomeMails(CampaignSender sender, Store store) {
        this.sender = sender;
        this.store = store;
    }

    /**
     * Makes {@code issueFolder} the welcome mail of {@code listSlug}: people who subscribe from now on
     * get it, nobody already subscribed. An existing campaign of the same issue to the list is reused, so
     * whoever already got that issue is not welcomed with it again.
     */
    public Campaign set(Path issueFolder, String listSlug) {
        SendPlan plan = sender.plan(issueFolder, listSlug, null, null, true);
        Campaign campaign = plan.resumes() ? plan.existing() : store.campaigns().startEmpty(sender.buildable(plan));
        store.campaigns().makeWelcome(plan.list().id(), campaign.id());
        return campaign;
    }

    public MailingList list(String slug) {
        return store.lists().require(slug);
    }

    /**
     * Sends the welcome mails waiting to go, or until {@code stop}; returns how many campaigns it sent to.
     * A welcome issue edited since it was set is sent as it is now: it is meant to be kept up to date.
     */
    public int runDue(ScheduledSends.Listener listener, SendProgress progress, StopRequest stop) throws InterruptedException {
        return new CampaignQueue(sender, store).run(store.campaigns().welcomesToSend(), "welcome mail", true, campaign -> true, listener,
                progress, stop);
    }
}
