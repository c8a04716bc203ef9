package org.newsletter.render;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateHTMLOutputModel;
import freemarker.template.TemplateModelException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.newsletter.model.Block;
import org.newsletter.model.Event;
import org.newsletter.model.Issue;
import org.newsletter.model.Site;
import org.newsletter.render.TemplateViews.BlockView;
import org.newsletter.render.TemplateViews.EventView;
import org.newsletter.render.TemplateViews.HeroView;
import org.newsletter.render.TemplateViews.IssueView;
import org.newsletter.render.TemplateViews.LinkView;
import org.newsletter.render.TemplateViews.LinksView;
import org.newsletter.render.TemplateViews.Model;
import org.newsletter.render.TemplateViews.RecipientView;
import org.newsletter.render.TemplateViews.SiteView;

/**
 * Runs the templates once per issue: email HTML (then CSS-inlined), email text, web page, and one
 * calendar file per event. Personal values are left as slots for {@link RenderedIssue#personalise}.
 */
public final class IssueRenderer {

    public static final String EMAIL_HTML = "email.html.ftlh";
    public static final String EMAIL_TEXT = "email.txt.ftl";
    public static final String WEB_HTML = "web.html.ftlh";

    private final TemplateEngine templates;
    private final CssInliner inliner = new CssInliner();
    private final Site site;
    private final BrandView brand;

    public IssueRenderer(TemplateEngine templates, Site site) {
        this(templates, site, BrandView.defaults());
    }

    public IssueRenderer(TemplateEngine templates, Site site, BrandView brand) {
        this.templates = templates;
        this.site = site;
        this.brand = brand;
    }

    public RenderedIssue render(Issue issue) {
        MessageBundle words = MessageBundle.of(issue.language(), templates.overrides());
        EventFormatter formatter = new EventFormatter(words);
        IcsWriter ics = new IcsWriter(site.sender().domain());
        String issueUrl = site.issueUrl(issue.slug()).toString();
        SiteView siteView = siteView();
        LinksView links = new LinksView(issueUrl, site.baseUrl().resolve("archive/").toString(), Slot.UNSUBSCRIBE_URL.marker(),
                Slot.PREFERENCES_URL.marker());
        RecipientView recipient = new RecipientView(Slot.RECIPIENT_NAME.marker(), Slot.RECIPIENT_EMAIL.marker());

        Model email = new Model(siteView, issueView(issue, formatter, issueUrl, true), recipient, links, words.method(), brand);
        String html = inliner.inline(templates.render(EMAIL_HTML, email));
        String text = TextCleanup.clean(templates.render(EMAIL_TEXT, email));
        Model web = new Model(siteView, issueView(issue, formatter, issueUrl, false), recipient,
                new LinksView(issueUrl, links.archive(), "", ""), words.method(), brand);
        String webHtml = templates.render(WEB_HTML, web);

        // DTSTAMP is the issue's date, not the time of the build: the same issue gives the same files.
        Instant stamp = issue.date().atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, String> calendars = new LinkedHashMap<>();
        for (Event event : issue.events()) {
            calendars.put(event.id(), ics.write(event, details(event, formatter), stamp));
        }
        return new RenderedIssue(issue, Stencil.compile(html), Stencil.compile(text), webHtml, calendars);
    }

    private SiteView siteView() {
        return new SiteView(site.organisation(), site.postalAddress(), site.reason(), site.baseUrl().toString(),
                site.baseUrl().resolve("archive/").toString(), site.sender().name(), site.sender().address(),
                site.replyTo().address());
    }

    private IssueView issueView(Issue issue, EventFormatter formatter, String issueUrl, boolean forEmail) {
        Function<Event, EventView> events = event -> eventView(event, formatter, issueUrl, forEmail);
        List<BlockView> blocks = new ArrayList<>();
        for (Block block : issue.blocks()) {
            if (block instanceof Block.Prose prose) {
                blocks.add(new BlockView("prose", markup(forEmail ? prose.emailHtml() : prose.webHtml()), prose.text(), List.of()));
            } else if (block instanceof Block.Events placed) {
                blocks.add(new BlockView("events", markup(""), "", placed.events().stream().map(events).toList()));
            }
        }
        HeroView hero = null;
        if (issue.hero() != null) {
            String src = issue.hero().isLocal() && forEmail ? site.issueUrl(issue.slug()).resolve(issue.hero().source()).toString()
                    : issue.hero().source();
            hero = new HeroView(src, issue.hero().alt(), issue.hero().width(), issue.hero().height());
        }
        List<String> urls = issue.linkReferences();
        List<LinkView> references = IntStream.range(0, urls.size()).mapToObj(i -> new LinkView(i + 1, urls.get(i))).toList();
        return new IssueView(issue.slug(), issue.title(), issue.subject(), issue.preheader(),
                formatter.date(issue.date().atStartOfDay(issue.timeZone())), issue.date().toString(),
                issue.language().toLanguageTag(), TextDirection.of(issue.language()), hero, blocks, issue.unplaced().stream().map(events).toList(),
                issue.events().stream().map(events).toList(), references);
    }

    private EventView eventView(Event event, EventFormatter formatter, String issueUrl, boolean forEmail) {
        String details = details(event, formatter);
        String button = event.button().isEmpty() ? formatter.words().text("event.register") : event.button();
        return new EventView(event.id(), event.title(), formatter.when(event), formatter.date(event.start()),
                formatter.timeRange(event), formatter.zoneLabel(event.start().getZone()), event.location(), event.url(),
                readableUrl(event.url()), button, event.url().startsWith("mailto:"), markup(event.descriptionHtml()), event.descriptionText(),
                CalendarLinks.google(event, details), CalendarLinks.outlook(event, details),
                (forEmail ? issueUrl : "") + "events/" + event.id() + ".ics",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.start()),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.end()));
    }

    /** What a calendar entry says: the description as plain paragraphs, then where to sign up. */
    private static String details(Event event, EventFormatter formatter) {
        StringBuilder details = new StringBuilder(PlainParagraphs.of(event.descriptionText()));
        if (!event.url().isEmpty()) {
            if (details.length() > 0) {
                details.append("\n\n");
            }
            details.append(event.button().isEmpty() ? formatter.words().text("event.register") : event.button()).append(": ").append(readableUrl(event.url()));
        }
        return details.toString();
    }

    /** A mailto: link shown as text is just the address; its ?subject= is for the link, not the reader. */
    static String readableUrl(String url) {
        if (!url.startsWith("mailto:")) {
            return url;
        }
        String address = url.substring("mailto:".length());
        int query = address.indexOf('?');
        return java.net.URLDecoder.decode(query < 0 ? address : address.substring(0, query), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static TemplateHTMLOutputModel markup(String html) {
        try {
            return HTMLOutputFormat.INSTANCE.fromMarkup(html);
        } catch (TemplateModelException e) {
            throw new IllegalStateException("FreeMarker refused plain markup", e);
        }
    }
}
