package org.newsletter.send;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.newsletter.config.Workspace;
import org.newsletter.model.Campaign;
import org.newsletter.model.ScheduledCampaign;
import org.newsletter.model.UserInputException;
import org.newsletter.store.Store;

/**
 * Campaigns sent later ({@code send --at}, {@code run-due}, and the scheduler in {@code serve}). A
 * scheduled campaign keeps the content hash of what was checked and confirmed; when it is due it starts
 * only if the issue still renders to exactly that, and then fixes its audience. Starting is one
 * transaction that marks the schedule started, so with several processes exactly one starts it; every
 * process then helps send whatever is left of it, each claiming different recipients.
 */
public final class ScheduledSends {

    /** Told what {@link #runDue} does, for the command line or the server's log. */
    public interface Listener {

        /** A scheduled campaign started (or an unfinished one is continued) and is about to send. */
        void sending(Campaign campaign, SendPlan plan, boolean resumed);

        void finished(Campaign campaign, RunReport report);

        /** A scheduled campaign could not start, or a started one cannot go on. */
        void failed(String what, String problem);
    }

    private final Workspace workspace;
    private final CampaignSender sender;
    private final Store store;
    private final Clock clock;

    public ScheduledSends(Workspace workspace, CampaignSender sender, Store store, Clock clock) {
        this.workspace = workspace;
        this.sender = sender;
        this.store = store;
        this.clock = clock;
    }

    /** Records the planned send to start at {@code at}; refuses a time in the past and a second schedule of the same send. */
    public ScheduledCampaign schedule(SendPlan plan, Instant at, String by) {
        if (plan.resumes()) {
            throw new UserInputException("campaign " + plan.existing().id() + " of " + plan.issueSlug() + " to " + plan.list().slug()
                    + " already began; run the send without --at to resume it");
        }
        if (!at.isAfter(clock.instant())) {
            throw new UserInputException("--at: " + at + " is not in the future; leave out --at to send now");
        }
        Optional<ScheduledCampaign> already = store.schedules().pending(plan.issueSlug(), plan.list().id(), plan.draft().segmentText());
        if (already.isPresent()) {
            throw new UserInputException("this send is already scheduled as " + already.get().id() + " for " + already.get().sendAt()
                    + "; 'newsletter campaigns reschedule " + already.get().id() + " --at TIME' moves it");
        }
        return store.schedules().schedule(plan.draft(), at, by);
    }

    /**
     * Starts every scheduled campaign that is due and sends it, then goes on with scheduled campaigns a
     * stopped process left unfinished; returns early when {@code stop} is requested. Returns how many
     * campaigns it sent to.
     */
    public int runDue(Listener listener, SendProgress progress, StopRequest stop) throws InterruptedException {
        int ran = 0;
        for (ScheduledCampaign due : store.schedules().due()) {
            if (stop.requested()) {
                return ran;
            }
            Optional<Started> started = start(due, listener);
            if (started.isPresent()) {
                listener.sending(started.get().campaign(), started.get().plan(), false);
                listener.finished(started.get().campaign(), sender.run(started.get().campaign(), started.get().plan(), progress, stop));
                ran++;
            }
        }
        if (stop.requested()) {
            return ran;
        }
        return ran + new CampaignQueue(sender, store).run(store.schedules().unfinishedCampaigns(), "scheduled campaign", false, campaign -> true,
                listener, progress, stop);
    }

    private record Started(Campaign campaign, SendPlan plan) {
    }

    private Optional<Started> start(ScheduledCampaign due, Listener listener) {
        String what = "scheduled campaign " + due.id() + " (" + due.issue() + " to " + due.listSlug() + ")";
        Path folder = workspace.newslettersDir().resolve(due.issue());
        SendPlan plan;
        org.newsletter.store.CampaignDraft draft;
        try {
            if (!java.nio.file.Files.isDirectory(folder)) {
                throw new UserInputException("newsletters/" + due.issue() + " no longer exists");
            }
            plan = sender.plan(folder, due.listSlug(), due.segment(), null, false);
            draft = sender.buildable(plan);
        } catch (RuntimeException e) {
            // Whatever stops this one (a deleted list, an issue that no longer renders) is recorded on it
            // and reported; the other due campaigns still go.
            return failed(due, what, e.getMessage() == null ? e.toString() : e.getMessage(), listener);
        }
        if (!plan.draft().contentHash().equals(due.contentHash())) {
            return failed(due, what, "newsletters/" + due.issue() + " changed since it was scheduled and checked; send it again with --at"
                    + " (after 'newsletter check') to schedule the new version", listener);
        }
        return store.schedules().start(due.id(), draft).map(campaign -> new Started(campaign, plan));
    }

    private Optional<Started> failed(ScheduledCampaign due, String what, String problem, Listener listener) {
        store.schedules().fail(due.id(), problem);
        listener.failed(what, problem);
        return Optional.empty();
    }
}
