package org.newsletter.web.preview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.model.Campaign;
import org.newsletter.model.CampaignCounts;
import org.newsletter.model.DeliveryState;
import org.newsletter.model.InvalidInputException;
import org.newsletter.render.CampaignReportPage;
import org.newsletter.render.TemplateEngine;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.Store;
import org.newsletter.web.CampaignReports;
import org.newsletter.web.ErrorPages;
import org.newsletter.web.Request;
import org.newsletter.web.Response;
import org.newsletter.web.Routes;

/**
 * The campaigns tab: the workspace's campaigns from its database, newest first (as {@code campaigns} lists them), and for a chosen one the
 * page {@code campaigns report ID --html} writes, from the same {@link CampaignReports} and {@link CampaignReportPage}. It only
 * reads: a workspace without a database yet gets a note saying so, and none is created to say it. Its
 * words are in the templates {@code preview/campaigns.ftlh} and {@code preview/campaign.ftlh}.
 */
final class CampaignsTab {

    private final Workspace started;
    private final IssueSnapshots snapshots;
    private final SubscriberDirectory directory;
    private final Map<String, String> environment;
    private final Clock clock;
    private final ErrorPages errors;

    /** @param started the workspace the preview began with, for when newsletter.yaml does not read now */
    CampaignsTab(Workspace started, IssueSnapshots snapshots, SubscriberDirectory directory, Map<String, String> environment, Clock clock,
            ErrorPages errors) {
        this.started = started;
        this.snapshots = snapshots;
        this.directory = directory;
        this.environment = environment;
        this.clock = clock;
        this.errors = errors;
    }

    Routes routes() {
        return new Routes()
                .add(LoopbackHost.get("/tab/campaigns", this::listing))
                .add(LoopbackHost.get("/campaigns/([0-9]{1,18})", this::chosen))
                .add(LoopbackHost.get("/campaigns/([0-9]{1,18})/report", this::report));
    }

    private Response listing(Request request) {
        Workspace workspace = workspace();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("database", database(workspace).display());
        boolean found = databaseExists(workspace);
        model.put("databaseFound", found);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (found) {
            ZoneId zone = workspace.site().timeZone();
            directory.with(workspace, store -> {
                Map<Long, CampaignCounts> counts = store.campaigns().allCounts();
                for (Campaign campaign : store.campaigns().all()) {
                    rows.add(row(campaign, counts.getOrDefault(campaign.id(), new CampaignCounts(Map.of())), zone));
                }
                return rows;
            });
        }
        model.put("campaigns", rows);
        return fragment(workspace, "preview/campaigns.ftlh", model);
    }

    /** The chosen campaign: a way back to the list, and its report in a frame of its own. */
    private Response chosen(Request request) {
        Workspace workspace = workspace();
        Optional<Campaign> campaign = find(workspace, request);
        if (campaign.isEmpty()) {
            return errors.notFound();
        }
        Map<String, Object> model = Map.of("campaign", Map.of("id", campaign.get().id(), "subject", campaign.get().subject(),
                "issue", campaign.get().issue()));
        return fragment(workspace, "preview/campaign.ftlh", model);
    }

    /**
     * The report page itself, as the command writes it: a document the preview renders, without scripts, kept
     * in the preview's origin like the email (so the page around it can show it in a frame).
     */
    private Response report(Request request) {
        Workspace workspace = workspace();
        if (!databaseExists(workspace)) {
            return errors.notFound();
        }
        try {
            Optional<String> page = directory.with(workspace, store -> store.campaigns().find(Long.parseLong(request.pathParameter(0)))
                    .map(campaign -> CampaignReports.page(workspace, store, campaign, issueDate(workspace, campaign))));
            return page.map(html -> ContentPolicy.issue(200, html)).orElseGet(errors::notFound);
        } catch (InvalidInputException e) {
            // A workspace's own campaign-report.html.ftlh with a mistake: its file and line, where the report would be.
            return ContentPolicy.issue(422, Fragments.page(e.getMessage(), Fragments.note("error", e.getMessage())));
        }
    }

    /** A fragment of the tab from its template, or, when a workspace's own copy of it has a mistake, that mistake's file and line. */
    private static Response fragment(Workspace workspace, String template, Map<String, Object> model) {
        try {
            return Response.html(200, templates(workspace).render(template, model));
        } catch (InvalidInputException e) {
            return Response.html(422, "<section class=\"problems\" role=\"alert\">" + Fragments.note("error", e.getMessage()) + "</section>");
        }
    }

    /** The issue's own date when its folder is still there and reads cleanly; else the report leaves it out, as the command's does. */
    private LocalDate issueDate(Workspace workspace, Campaign campaign) {
        Path folder = workspace.newslettersDir().resolve(campaign.issue()).normalize();
        if (!folder.startsWith(workspace.newslettersDir()) || !Files.isDirectory(folder)) {
            return null;
        }
        return new IssuePipeline(workspace, clock).lint(folder).composition().map(c -> c.issue().date()).orElse(null);
    }

    private Optional<Campaign> find(Workspace workspace, Request request) {
        if (!databaseExists(workspace)) {
            return Optional.empty();
        }
        long id = Long.parseLong(request.pathParameter(0));
        return directory.with(workspace, store -> store.campaigns().find(id));
    }

    private static Map<String, Object> row(Campaign campaign, CampaignCounts counts, ZoneId zone) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", campaign.id());
        row.put("issue", campaign.issue());
        row.put("subject", campaign.subject());
        row.put("list", campaign.listSlug());
        row.put("segment", campaign.segment());
        row.put("finished", campaign.finished());
        row.put("started", DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH).format(campaign.createdAt().atZone(zone)));
        row.put("startedIso", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(campaign.createdAt().atZone(zone)));
        row.put("audience", campaign.audience());
        row.put("accepted", counts.get(DeliveryState.ACCEPTED));
        row.put("failed", counts.get(DeliveryState.FAILED_PERMANENT) + counts.get(DeliveryState.FAILED_TEMPORARY));
        // The rest of the audience, as 'newsletter campaigns' shows it, so that the columns add up.
        row.put("skipped", counts.get(DeliveryState.SKIPPED));
        row.put("queued", counts.remaining());
        row.put("removed", counts.removedFrom(campaign.audience()));
        return row;
    }

    /** The workspace as newsletter.yaml says now, so a changed database setting is followed; the one the preview began with if it does not read. */
    private Workspace workspace() {
        IssueSnapshot snapshot = snapshots.current();
        return snapshot.ok() ? snapshot.workspace() : started;
    }

    private DatabaseLocation database(Workspace workspace) {
        return DatabaseLocation.resolve(workspace.databaseUrl(), workspace.stateDir(), environment);
    }

    /** A SQLite file that is not there yet means no campaigns: opening it would create it. */
    private boolean databaseExists(Workspace workspace) {
        return database(workspace).exists();
    }

    private static TemplateEngine templates(Workspace workspace) {
        return new TemplateEngine(workspace.templatesDir());
    }
}
