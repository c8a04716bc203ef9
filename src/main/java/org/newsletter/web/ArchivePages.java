package org.newsletter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.render.RenderedIssue;
import org.newsletter.store.StorePool;

/**
 * The public archive under {@code /archive/}: the list of sent issues, each issue's web version with
 * its images and RFC 5545 calendar files, and an RFC 4287 Atom feed.
 *
 * <p>Issues are rendered by the same {@link IssuePipeline} as {@code build} and {@code send} (so web
 * reaches into build here), which makes the page served the {@code web.html} that {@code build}
 * writes. Archive answers are the same for everyone, so they may be cached for a few minutes, unlike
 * the personal token pages; an issue that was not sent is the same 404 as a page that never existed.
 */
public final class ArchivePages {

    /** Short enough that a corrected typo shows soon, long enough to take the load of a busy morning. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private static final String SLUG = ArchiveCatalogue.SLUG;
    /** Event ids as events.yaml allows them. */
    private static final String EVENT_ID = "[a-z0-9][a-z0-9-]*";
    /** A relative file path whose every part is a plain name: no "." or "..", no "%", no backslash, no empty part. */
    private static final String FILE = "(?:" + SLUG + "/)*" + SLUG;

    private final ArchiveCatalogue catalogue;
    private final ArchiveIndex index;
    private final AtomFeed feed;
    private final ErrorPages errors;
    private final ReaderPages pages;
    private final Clock clock;

    public ArchivePages(Workspace workspace, StorePool stores, Clock clock, ReaderPages pages, ErrorPages errors, RequestLog log) {
        IssuePipeline pipeline = new IssuePipeline(workspace, clock);
        IssueCache cache = new IssueCache(pipeline::render, workspace.templatesDir(), log);
        this.catalogue = new ArchiveCatalogue(stores, workspace.newslettersDir(), cache);
        this.index = new ArchiveIndex(pages);
        this.feed = new AtomFeed(workspace.site(), pages.words(pages.defaultLanguage()));
        this.errors = errors;
        this.pages = pages;
        this.clock = clock;
    }

    /**
     * Renders every sent issue now, so the first reader after a start does not wait seconds for the
     * archive while each issue is rendered (the cache then serves them).
     */
    public void warmUp() {
        catalogue.newestFirst();
    }

    public Routes routes() {
        // Order matters: the first matching route answers, so feed.xml comes before the issue routes.
        return new Routes()
                .add(Route.get("/archive", request -> cached(Response.movedPermanently("/archive/"))))
                .add(Route.get("/archive/", request -> cached(Response.html(200, index.page(catalogue.newestFirst(), pages.language(request)))
                        .withHeader("Vary", "Accept-Language"))))
                .add(Route.get("/archive/feed\\.xml", request -> cached(Response.bytes("application/atom+xml; charset=utf-8",
                        feed.write(catalogue.newestFirst(), clock.instant()).getBytes(StandardCharsets.UTF_8)))))
                // The web page's links (images/…, events/…) are relative: they need the trailing slash. Only a
                // sent issue redirects, so the answer for a draft is the same 404 as for anything unknown.
                .add(Route.get("/archive/(" + SLUG + ")", request -> catalogue.find(request.pathParameter(0))
                        .map(sent -> cached(Response.movedPermanently("/archive/" + sent.slug() + "/")))
                        .orElseGet(errors::notFound)))
                .add(Route.get("/archive/(" + SLUG + ")/", request -> fromIssue(request.pathParameter(0),
                        issue -> Optional.of(Response.html(200, issue.webHtml())))))
                .add(Route.get("/archive/(" + SLUG + ")/events/(" + EVENT_ID + ")\\.ics", request -> fromIssue(request.pathParameter(0),
                        issue -> calendar(issue, request.pathParameter(1)))))
                .add(Route.get("/archive/(" + SLUG + ")/(" + FILE + ")", request -> fromIssue(request.pathParameter(0),
                        issue -> IssueImages.serve(issue.issue(), request.pathParameter(1)))));
    }

    /** Something served from one rendered issue; empty when the issue has no such thing. */
    @FunctionalInterface
    private interface IssuePart {
        Optional<Response> of(RenderedIssue issue) throws IOException;
    }

    private Response fromIssue(String slug, IssuePart part) throws IOException {
        Optional<ArchiveCatalogue.Sent> sent = catalogue.find(slug);
        if (sent.isEmpty()) {
            return errors.notFound();
        }
        IssueCache.Outcome outcome = catalogue.render(sent.get());
        if (outcome instanceof IssueCache.Ready ready) {
            return part.of(ready.issue()).map(ArchivePages::cached).orElseGet(errors::notFound);
        }
        return errors.page(500, "error.issueUnavailable");
    }

    /**
     * An event's RFC 5545 file as text/calendar, so a phone offers to add it; the file name is the
     * event id, which is what the web page's download link names it too.
     */
    private static Optional<Response> calendar(RenderedIssue issue, String eventId) {
        return Optional.ofNullable(issue.calendars().get(eventId))
                .map(ics -> Response.bytes("text/calendar; charset=utf-8", ics.getBytes(StandardCharsets.UTF_8))
                        .withHeader("Content-Disposition", "attachment; filename=\"" + eventId + ".ics\""));
    }

    private static Response cached(Response response) {
        return response.withHeader("Cache-Control", CACHE_CONTROL);
    }
}
