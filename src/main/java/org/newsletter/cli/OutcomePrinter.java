package org.newsletter.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.newsletter.model.BounceKind;
import org.newsletter.model.CampaignOutcome;
import org.newsletter.model.Engagement;
import org.newsletter.model.LinkClicks;

/**
 * The delivery and unsubscribe figures of {@code campaigns show}, with rates, the complaint rate set
 * against Gmail's bulk-sender limits (keep it under 0.1 %, never reach 0.3 %); and, when tracking was
 * on, clicks per link and image loads.
 */
final class OutcomePrinter {

    private final PrintWriter out;

    OutcomePrinter(PrintWriter out) {
        this.out = out;
    }

    void print(CampaignOutcome outcome) {
        long accepted = outcome.accepted();
        out.println("Delivery:");
        line("accepted", accepted, percent(accepted, outcome.attempted()) + " of " + CampaignReport.number(outcome.attempted()) + " answered");
        line("failed", outcome.failed(), percent(outcome.failed(), outcome.attempted()) + " of answered");
        line("hard bounces", outcome.bounces(BounceKind.HARD_BOUNCE), percent(outcome.bounces(BounceKind.HARD_BOUNCE), accepted) + " of accepted");
        line("soft bounces", outcome.bounces(BounceKind.SOFT_BOUNCE), percent(outcome.bounces(BounceKind.SOFT_BOUNCE), accepted) + " of accepted");
        long complaints = outcome.bounces(BounceKind.COMPLAINT);
        line("complaints", complaints, percent(complaints, accepted) + " of accepted: " + GmailLimits.verdict(complaints, accepted));
        long unsubscribes = outcome.unsubscribes().size();
        out.println("Unsubscribes from this campaign (its links or List-Unsubscribe, within "
                + CampaignOutcome.UNSUBSCRIBE_WINDOW.toDays() + " days of delivery):");
        line("unsubscribed", unsubscribes, percent(unsubscribes, accepted) + " of accepted");
    }

    /**
     * Clicks per link (people and machines apart) when the campaign's links were tracked, and image
     * loads when they are counted; nothing when neither.
     */
    void print(Engagement engagement, long accepted) {
        if (engagement.clicksTracked()) {
            out.println("Clicks per link (automated: link scanners, previews, HEAD requests and requests within "
                    + org.newsletter.model.Tracking.AUTOMATED_WITHIN.toMinutes() + " minutes of delivery):");
            out.printf(Locale.ROOT, "  %4s %9s %9s  %s%n", "#", "HUMAN", "AUTOMATED", "LINK");
            for (LinkClicks link : engagement.links()) {
                out.printf(Locale.ROOT, "  %4d %9s %9s  %s%n", link.index() + 1, CampaignReport.number(link.human()),
                        CampaignReport.number(link.automated()), link.url());
            }
            line("human clicks", engagement.humanClicks(), percent(engagement.humanClicks(), accepted) + " of accepted (clicks, not people)");
            line("automated clicks", engagement.automatedClicks(), "not counted as readers");
        }
        if (engagement.imagesCounted()) {
            out.println("Image loads (an overestimate of opens: Apple Mail Privacy Protection loads every image on delivery):");
            line("image loads", engagement.imageLoads(), percent(engagement.imageLoads(), accepted) + " of accepted");
            line("automated loads", engagement.automatedImageLoads(), "not counted");
        }
    }

    private void line(String what, long n, String rate) {
        out.printf(Locale.ROOT, "  %-17s %9s  %s%n", what, CampaignReport.number(n), rate);
    }

    static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.2f %%", CampaignOutcome.percent(part, whole));
    }
}
