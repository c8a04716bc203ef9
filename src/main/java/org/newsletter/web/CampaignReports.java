package org.newsletter.web;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.newsletter.config.Workspace;
import org.newsletter.model.Campaign;
import org.newsletter.model.TimeCount;
import org.newsletter.render.CampaignReportPage;
import org.newsletter.render.TemplateEngine;
import org.newsletter.store.Store;

/**
 * A campaign's report page from what the database holds: the one place that gathers its figures, so
 * the file {@code campaigns report ID --html} writes and the page preview's Campaigns tab shows cannot
 * drift apart.
 */
public final class CampaignReports {

    private CampaignReports() {
    }

    /**
     * Deliveries in periods chosen for their spread (per minute first, coarser when the campaign ran
     * long), the outcome, and clicks and image loads as the workspace's tracking recorded them.
     *
     * @param issueDate the date in the issue's front matter, or null to leave it out
     */
    public static String page(Workspace workspace, Store store, Campaign campaign, LocalDate issueDate) {
        List<TimeCount> byMinute = store.outcomes().deliveries(campaign, Duration.ofMinutes(1));
        Duration span = byMinute.isEmpty() ? Duration.ZERO : Duration.between(byMinute.get(0).start(), byMinute.get(byMinute.size() - 1).start());
        Duration period = CampaignReportPage.deliveryPeriod(span);
        List<TimeCount> deliveries = period.equals(Duration.ofMinutes(1)) ? byMinute : store.outcomes().deliveries(campaign, period);
        return new CampaignReportPage(new TemplateEngine(workspace.templatesDir()))
                .render(campaign, issueDate, store.outcomes().of(campaign), deliveries, period, workspace.site().timeZone(),
                        store.tracking().engagement(campaign.id(), workspace.tracking().opens()));
    }
}
