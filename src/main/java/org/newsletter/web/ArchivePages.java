package org.newsletter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.message.PrivateIssueAddress;
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
 * So is an issue sent only to private lists, unless asked for at its keyed address (the one its
 * email links to, {@link PrivateIssueAddress}), whose answers no shared cache may keep.
 */
public final class ArchivePages {

    /** Short enough that a corrected typo shows soon, long enough to take the load of a busy morning. */
    static final String CACHE_CONTROL = "public, max-age=300";

    /** For issues read through their key: see {@link #unstored}. */
    static final String UNSTORED = "private, no-store";

    private static final String SLUG = ArchiveCatalogue.SLUG;
    /** The key's path segment of {@link PrivateIssueAddress}: the mark, then the 22-character signature. */
    private static final String KEYED = PrivateIssueAddress.KEY_MARK + "([A-Za-z0-9_-]{22})";
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
    private final PrivateIssueAddress address;

    /** @param address checks the keys of issues sent only to private lists */
    public ArchivePages(Workspace workspace, StorePool stores, Clock clock, ReaderPages pages, ErrorPages errors, RequestLog log,
            PrivateIssueAddress address) {
        IssuePipeline pipeline = new IssuePipeline(workspace, clock);
        IssueCache cache = new IssueCache(pipeline::render, workspace.templatesDir(), log);
        this.catalogue = new ArchiveCatalogue(stores, workspace.newslettersDir(), cache);
        this.index = new ArchiveIndex(pages);
        this.feed = new AtomFeed(workspace.site(), pages.words(pages.defaultLanguage()));
        this.errors = errors;
        this.pages = pages;
        this.clock = clock;
        this.address = address;
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
                .add(Route.get("/archive/(" + SLUG + ")", request -> open(request.pathParameter(0))
                        .map(sent -> cached(Response.movedPermanently("/archive/" + sent.slug() + "/")))
                        .orElseGet(errors::notFound)))
                .add(Route.get("/archive/(" + SLUG + ")/", request -> fromIssue(open(request.pathParameter(0)), ArchivePages::cached,
                        issue -> Optional.of(Response.html(200, issue.webHtml())))))
                .add(Route.get("/archive/(" + SLUG + ")/events/(" + EVENT_ID + ")\\.ics", request -> fromIssue(open(request.pathParameter(0)),
                        ArchivePages::cached, issue -> calendar(issue, request.pathParameter(1)))))
                .add(Route.get("/archive/(" + SLUG + ")/(" + FILE + ")", request -> fromIssue(open(request.pathParameter(0)),
                        ArchivePages::cached, issue -> IssueImages.serve(issue.issue(), request.pathParameter(1)))))
                // The same under the keyed address (see PrivateIssueAddress): any sent issue, listed or not.
                .add(Route.get("/archive/(" + SLUG + ")/" + KEYED, request -> keyed(request.pathParameter(0), request.pathParameter(1))
                        .map(sent -> unstored(Response.movedPermanently(request.path() + "/")))
                        .orElseGet(errors::notFound)))
                .add(Route.get("/archive/(" + SLUG + ")/" + KEYED + "/", request -> fromIssue(keyed(request.pathParameter(0),
                        request.pathParameter(1)), ArchivePages::unstored, issue -> Optional.of(Response.html(200, issue.webHtml())))))
                .add(Route.get("/archive/(" + SLUG + ")/" + KEYED + "/events/(" + EVENT_ID + ")\\.ics", request -> fromIssue(
                        keyed(request.pathParameter(0), request.pathParameter(1)), ArchivePages::unstored,
                        issue -> calendar(issue, request.pathParameter(2)))))
                .add(Route.get("/archive/(" + SLUG + ")/" + KEYED + "/(" + FILE + ")", request -> fromIssue(
                        keyed(request.pathParameter(0), request.pathParameter(1)), ArchivePages::unstored,
                        issue -> IssueImages.serve(issue.issue(), request.pathParameter(2)))));
    }

    /**
     * A sent issue that may be read at its plain address: one some public list received. One sent only
     * to private lists is, here, exactly an issue that does not exist, so its slug does not leak either.
     */
    private Optional<ArchiveCatalogue.Sent> open(String slug) {
        return catalogue.find(slug).filter(ArchiveCatalogue.Sent::listed);
    }

    /** A sent issue opened by its key; the key is checked first, so a wrong one costs no look-up. */
    private Optional<ArchiveCatalogue.Sent> keyed(String slug, String key) {
        return address.opens(slug, key) ? catalogue.find(slug) : Optional.empty();
    }

    /** Something served from one rendered issue; empty when the issue has no such thing. */
    @FunctionalInterface
    private interface IssuePart {
        Optional<Response> of(RenderedIssue issue) throws IOException;
    }

    private Response fromIssue(Optional<ArchiveCatalogue.Sent> sent, UnaryOperator<Response> caching, IssuePart part) throws IOException {
        if (sent.isEmpty()) {
            return errors.notFound();
        }
        IssueCache.Outcome outcome = catalogue.render(sent.get());
        if (outcome instanceof IssueCache.Ready ready) {
            return part.of(ready.issue()).map(caching).orElseGet(errors::notFound);
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

    /**
     * An answer at a keyed address: the key is a capability, so no shared cache may keep the answer
     * (it would hand it to anyone asking a cache for that URL) and no search engine may index it, as
     * one that was shown the link by a reader's browser or a forwarded email might.
     */
    private static Response unstored(Response response) {
        return response.withHeader("Cache-Control", UNSTORED).withHeader("X-Robots-Tag", "noindex");
    }
}
