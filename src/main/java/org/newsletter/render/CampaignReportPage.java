package org.newsletter.render;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.newsletter.model.BounceKind;
import org.newsletter.model.Campaign;
import org.newsletter.model.CampaignCounts;
import org.newsletter.model.CampaignOutcome;
import org.newsletter.model.DeliveryState;
import org.newsletter.model.Engagement;
import org.newsletter.model.TimeCount;
import org.newsletter.model.Tracking;

/**
 * {@code campaigns report ID --html FILE}: one self-contained HTML page (no script, nothing loaded
 * from elsewhere) telling a campaign's story, its words in the template
 * {@code campaign-report.html.ftlh}, its charts drawn here as SVG.
 */
public final class CampaignReportPage {

    /** Gmail's bulk-sender complaint rates, in per cent: keep under the first, never reach the second. */
    static final double COMPLAINTS_KEEP_UNDER = 0.1;
    static final double COMPLAINTS_NEVER = 0.3;

    private final TemplateEngine templates;

    public CampaignReportPage(TemplateEngine templates) {
        this.templates = templates;
    }

    /**
     * @param issueDate  the date in the issue's front matter, or null to leave it out
     * @param deliveries messages accepted per period, as {@link #deliveryPeriod} chose it
     * @param zone       the time zone days and times are shown in
     */
    public String render(Campaign campaign, LocalDate issueDate, CampaignOutcome outcome, List<TimeCount> deliveries, Duration period, ZoneId zone) {
        return render(campaign, issueDate, outcome, deliveries, period, zone, Engagement.NONE);
    }

    /** As above, with clicks per link and image loads when the campaign's tracking recorded them. */
    public String render(Campaign campaign, LocalDate issueDate, CampaignOutcome outcome, List<TimeCount> deliveries, Duration period, ZoneId zone,
            Engagement engagement) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("campaign", Map.of("id", campaign.id(), "issue", campaign.issue(), "list", campaign.listSlug(), "segment", campaign.segment(),
                "subject", campaign.subject(), "audience", campaign.audience()));
        model.put("sent", DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm z", Locale.ENGLISH).format(campaign.createdAt().atZone(zone)));
        if (issueDate != null) {
            model.put("issueDate", DateTimeFormatter.ISO_LOCAL_DATE.format(issueDate));
            model.put("issueDateText", DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(issueDate));
        }
        model.put("sentDate", DateTimeFormatter.ISO_LOCAL_DATE.format(campaign.createdAt().atZone(zone)));
        long accepted = outcome.accepted();
        List<Map<String, Object>> delivery = new ArrayList<>();
        delivery.add(figure("accepted", accepted, outcome.attempted()));
        delivery.add(figure("failed", outcome.failed(), outcome.attempted()));
        delivery.add(figure("hardBounces", outcome.bounces(BounceKind.HARD_BOUNCE), accepted));
        delivery.add(figure("softBounces", outcome.bounces(BounceKind.SOFT_BOUNCE), accepted));
        delivery.add(figure("complaints", outcome.bounces(BounceKind.COMPLAINT), accepted));
        delivery.add(figure("unsubscribes", outcome.unsubscribes().size(), accepted));
        model.put("delivery", delivery);
        model.put("audienceParts", audienceParts(campaign, outcome));
        model.put("attempted", outcome.attempted());
        double complaintRate = CampaignOutcome.percent(outcome.bounces(BounceKind.COMPLAINT), accepted);
        model.put("complaintLevel", complaintRate >= COMPLAINTS_NEVER ? "never" : complaintRate >= COMPLAINTS_KEEP_UNDER ? "high" : "ok");
        model.put("unsubscribeWindowDays", CampaignOutcome.UNSUBSCRIBE_WINDOW.toDays());

        DateTimeFormatter slot = period.compareTo(Duration.ofDays(1)) >= 0 ? DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)
                : DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
        List<SvgBarChart.Bar> deliveryBars = deliveries.stream().map(t -> new SvgBarChart.Bar(slot.format(t.start().atZone(zone)), t.count())).toList();
        model.put("deliveryRows", rows(deliveryBars));
        model.put("deliveryChart", SvgBarChart.draw("deliveries-heading", deliveryBars));

        List<SvgBarChart.Bar> unsubscribeBars = unsubscribesPerDay(campaign.createdAt(), outcome, zone);
        model.put("unsubscribeRows", rows(unsubscribeBars));
        model.put("unsubscribeChart", SvgBarChart.draw("unsubscribes-heading", unsubscribeBars));

        model.put("clicksTracked", engagement.clicksTracked());
        if (engagement.clicksTracked()) {
            // Bars are numbered; the table under the chart says which link each number is.
            List<SvgBarChart.Bar> clickBars = engagement.links().stream().map(l -> new SvgBarChart.Bar(String.valueOf(l.index() + 1), l.human())).toList();
            model.put("clickChart", SvgBarChart.draw("clicks-heading", clickBars));
            model.put("clickRows", engagement.links().stream().<Map<String, Object>>map(l -> Map.of("number", l.index() + 1, "url", l.url(),
                    "human", l.human(), "automated", l.automated())).toList());
            model.put("humanClicks", engagement.humanClicks());
            model.put("automatedClicks", engagement.automatedClicks());
            model.put("clickPercent", String.format(Locale.ROOT, "%.2f", CampaignOutcome.percent(engagement.humanClicks(), accepted)));
            model.put("automatedWithinMinutes", Tracking.AUTOMATED_WITHIN.toMinutes());
        }
        model.put("imagesCounted", engagement.imagesCounted());
        model.put("imageLoads", engagement.imageLoads());
        model.put("automatedImageLoads", engagement.automatedImageLoads());
        model.put("imagePercent", String.format(Locale.ROOT, "%.2f", CampaignOutcome.percent(engagement.imageLoads(), accepted)));
        return templates.render("campaign-report.html.ftlh", model);
    }

    /**
     * What became of everyone the campaign began with, adding up to its audience: the people removed or
     * erased since have no journal row left, and get a part of their own. Parts with nobody are left out.
     */
    private static List<Map<String, Object>> audienceParts(Campaign campaign, CampaignOutcome outcome) {
        CampaignCounts counts = outcome.counts();
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("accepted", outcome.accepted());
        parts.put("failed", outcome.failed());
        parts.put("skipped", counts.get(DeliveryState.SKIPPED));
        parts.put("waiting", counts.remaining());
        parts.put("removed", counts.removedFrom(campaign.audience()));
        return parts.entrySet().stream().filter(e -> e.getValue() > 0)
                .<Map<String, Object>>map(e -> Map.of("name", e.getKey(), "count", e.getValue())).toList();
    }

    /** A period that gives a readable number of bars for deliveries spread over {@code span}: minutes, hours or days. */
    public static Duration deliveryPeriod(Duration span) {
        if (span.compareTo(Duration.ofHours(2)) <= 0) {
            return Duration.ofMinutes(1);
        }
        return span.compareTo(Duration.ofDays(2)) <= 0 ? Duration.ofHours(1) : Duration.ofDays(1);
    }

    /** Every day from the campaign's start to the end of the unsubscribe window, days with none included. */
    private static List<SvgBarChart.Bar> unsubscribesPerDay(Instant start, CampaignOutcome outcome, ZoneId zone) {
        TreeMap<LocalDate, Long> days = new TreeMap<>();
        LocalDate first = start.atZone(zone).toLocalDate();
        LocalDate last = start.plus(CampaignOutcome.UNSUBSCRIBE_WINDOW).atZone(zone).toLocalDate();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.put(day, 0L);
        }
        for (CampaignOutcome.Unsubscribe unsubscribe : outcome.unsubscribes()) {
            days.merge(ZonedDateTime.ofInstant(unsubscribe.at(), zone).toLocalDate(), 1L, Long::sum);
        }
        DateTimeFormatter label = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
        return days.entrySet().stream().map(e -> new SvgBarChart.Bar(label.format(e.getKey()), e.getValue())).toList();
    }

    private static Map<String, Object> figure(String name, long count, long of) {
        return Map.of("name", name, "count", count, "percent", String.format(Locale.ROOT, "%.2f", CampaignOutcome.percent(count, of)));
    }

    private static List<Map<String, Object>> rows(List<SvgBarChart.Bar> bars) {
        return bars.stream().<Map<String, Object>>map(b -> Map.of("label", b.label(), "count", b.value())).toList();
    }
}
