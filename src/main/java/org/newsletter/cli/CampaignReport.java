package org.newsletter.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.newsletter.model.Campaign;
import org.newsletter.model.CampaignCounts;
import org.newsletter.model.DeliveryState;
import org.newsletter.send.RunReport;
import org.newsletter.send.SendPlan;
import org.newsletter.store.CampaignRepository;
import org.newsletter.store.Store;

/** How send and campaigns print a campaign: the summary before it starts, and the result after. */
final class CampaignReport {

    private final PrintWriter out;
    private final PrintWriter err;

    CampaignReport(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    void summary(SendPlan plan, Store store) {
        out.println("Issue:      " + plan.issueSlug());
        out.println("Subject:    " + plan.draft().subject());
        out.println("List:       " + plan.list().slug() + " (" + plan.list().name() + ")");
        out.println("Segment:    " + (plan.draft().segmentText().isEmpty() ? "everyone subscribed to the list" : plan.draft().segmentText()));
        if (plan.resumes()) {
            Campaign campaign = plan.existing();
            CampaignCounts counts = store.campaigns().counts(campaign.id());
            out.println("Campaign:   " + campaign.id() + ", begun " + campaign.createdAt() + " for " + number(campaign.audience()) + " people");
            out.println("Recipients: " + number(counts.remaining()) + " still to send (" + states(counts, campaign.audience()) + ")");
        } else {
            CampaignRepository.AudiencePreview audience = plan.audience();
            out.println("Recipients: " + number(audience.subscribed())
                    + (audience.suppressed() > 0 ? " (" + number(audience.suppressed()) + " of them suppressed: they will be skipped)" : ""));
        }
        out.println("Transport:  " + plan.transport());
        out.println("Rate:       " + plan.rate() + ", " + plan.connections() + " connections");
    }

    /**
     * Prints how the run ended and returns the exit code: 1 when it stopped early or left temporary failures.
     *
     * @param again the command that resumes the campaign, as the person typed it
     */
    int finished(Campaign campaign, RunReport report, Store store, String again) {
        CampaignCounts counts = store.campaigns().counts(campaign.id());
        out.printf(Locale.ROOT, "Campaign %d: %s in %.1f s (%.0f messages/s this run)%n", campaign.id(), states(counts, campaign.audience()),
                report.elapsed().toNanos() / 1e9, report.perSecond());
        if (report.orphansRequeued() > 0) {
            out.println("  " + report.orphansRequeued() + " left in flight by an earlier run that stopped were sent again (same Message-ID)");
        }
        if (report.leftInFlight() > 0) {
            out.println("  " + number(report.leftInFlight()) + " still with the server when the run stopped waiting stay 'sending': resuming sends"
                    + " them again, with the same Message-ID");
        }
        if (report.stopRequested()) {
            long done = Math.max(0, campaign.audience() - counts.remaining());
            err.println("newsletter: stopped after " + number(done) + " of " + number(campaign.audience()) + "; run the same command to resume: "
                    + again);
            return ExitCodes.FAILED;
        }
        if (report.stoppedBecause() != null) {
            throw new org.newsletter.model.UserInputException("stopped: " + report.stoppedBecause() + "; " + number(counts.remaining())
                    + " not yet sent stay queued: run the same send again to resume");
        }
        if (counts.get(DeliveryState.FAILED_TEMPORARY) > 0) {
            out.println("  " + counts.get(DeliveryState.FAILED_TEMPORARY) + " failed temporarily after every retry: 'newsletter campaigns retry "
                    + campaign.id() + "' tries them again; 'newsletter campaigns show " + campaign.id() + "' shows why");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** "5 accepted, 1 skipped, 1 removed or erased": every state with someone in it, adding up to the audience. */
    static String states(CampaignCounts counts, long audience) {
        StringBuilder text = new StringBuilder();
        for (DeliveryState state : DeliveryState.values()) {
            long n = counts.get(state);
            if (n > 0 || state == DeliveryState.ACCEPTED) {
                text.append(text.length() == 0 ? "" : ", ").append(number(n)).append(' ').append(state.word());
            }
        }
        if (counts.removedFrom(audience) > 0) {
            text.append(", ").append(number(counts.removedFrom(audience))).append(' ').append(REMOVED);
        }
        return text.toString();
    }

    /** Recipients whose journal rows went when they were removed ('subscribers remove') or erased ('privacy erase'). */
    static final String REMOVED = "removed or erased";

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
