package org.newsletter.web.preview;

import static org.newsletter.render.HtmlEscape.escape;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.newsletter.web.ErrorPages;
import org.newsletter.web.Request;
import org.newsletter.web.Response;
import org.newsletter.web.Routes;

/**
 * The outbox tab: every campaign the outbox transport wrote, each message viewable with its header,
 * text part and HTML part. The HTML part is its own document in a sandboxed iframe (and sandboxed by
 * its policy too), so a message can run nothing and reach nothing of the preview's page.
 */
final class OutboxTab {

    private static final String NAME = "([A-Za-z0-9_][A-Za-z0-9._-]*)";

    private final OutboxFolder outbox;
    private final IssueSnapshots snapshots;
    private final ErrorPages errors;

    OutboxTab(OutboxFolder outbox, IssueSnapshots snapshots, ErrorPages errors) {
        this.outbox = outbox;
        this.snapshots = snapshots;
        this.errors = errors;
    }

    Routes routes() {
        return new Routes()
                .add(LoopbackHost.get("/tab/outbox", this::listing))
                .add(LoopbackHost.get("/outbox/" + NAME + "/" + NAME, this::message))
                .add(LoopbackHost.get("/outbox/" + NAME + "/" + NAME + "/html", this::htmlPart));
    }

    private Response listing(Request request) throws IOException {
        List<OutboxFolder.Campaign> campaigns = outbox.campaigns();
        if (campaigns.isEmpty()) {
            return Response.html(200, Fragments.note("note", "The outbox is empty. 'newsletter send' writes one .eml file per message "
                    + "under .newsletter/outbox/ when no SMTP transport is configured."));
        }
        StringBuilder html = new StringBuilder();
        for (OutboxFolder.Campaign campaign : campaigns) {
            html.append("<section class=\"campaign\"><h2>").append(escape(campaign.folder())).append("</h2><p class=\"note\">")
                    .append(campaign.count()).append(campaign.more() ? "+" : "").append(" message(s)")
                    .append(campaign.shown().size() < campaign.count() ? ", the first " + campaign.shown().size() + " shown" : "")
                    .append("</p><table class=\"messages\"><thead><tr><th>To</th><th>Subject</th></tr></thead><tbody>");
            for (OutboxFolder.Entry entry : campaign.shown()) {
                html.append("<tr><td><a data-fragment href=\"/outbox/").append(escape(campaign.folder())).append('/')
                        .append(escape(entry.file())).append("\">").append(escape(entry.to().isEmpty() ? entry.file() : entry.to()))
                        .append("</a></td><td>").append(escape(entry.subject())).append("</td></tr>");
            }
            html.append("</tbody></table></section>");
        }
        return Response.html(200, html.toString());
    }

    private Response message(Request request) throws IOException {
        Optional<OutboxFolder.Message> found = outbox.read(request.pathParameter(0), request.pathParameter(1));
        if (found.isEmpty()) {
            return errors.notFound();
        }
        OutboxFolder.Message message = found.get();
        String self = "/outbox/" + message.folder() + "/" + message.file();
        StringBuilder html = new StringBuilder("<p><a data-fragment href=\"/tab/outbox\">← All outbox messages</a></p>")
                .append("<h2>").append(escape(message.folder() + "/" + message.file())).append("</h2>")
                .append("<h3>Header</h3>").append(Fragments.pre("headers", message.headers()));
        if (message.html() != null) {
            String scheme = ColorScheme.of(request.query().get("scheme")).word();
            html.append("<h3>HTML part</h3><iframe class=\"viewport message\" title=\"HTML part\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\" src=\"")
                    .append(escape(self + "/html?scheme=" + scheme)).append("\"></iframe>");
        }
        if (message.text() != null) {
            html.append("<h3>Text part</h3>").append(Fragments.pre("text-part", message.text()));
        }
        return Response.html(200, html.toString());
    }

    /** The HTML part as a document of its own, with the previewed issue's links made local as in the email tab. */
    private Response htmlPart(Request request) throws IOException {
        Optional<OutboxFolder.Message> found = outbox.read(request.pathParameter(0), request.pathParameter(1));
        if (found.isEmpty() || found.get().html() == null) {
            return errors.notFound();
        }
        String html = found.get().html();
        IssueSnapshot snapshot = snapshots.current();
        if (snapshot.ok()) {
            html = IssueTabs.localLinks(snapshot).apply(html);
        }
        return ContentPolicy.other(200, ColorScheme.of(request.query().get("scheme")).apply(html));
    }
}
