package org.newsletter.web.preview;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.newsletter.issue.IssueCheck;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.mail.MessageSigners;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.message.CampaignMessages;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.UserInputException;
import org.newsletter.render.RenderedIssue;
import org.newsletter.web.Request;
import org.newsletter.web.Response;
import org.newsletter.web.Routes;

/**
 * What the preview shows of the issue itself: the email (an iframe's document), and the fragments of
 * the status line and the text, headers and check tabs. Every answer comes from the snapshot of the
 * current change count, rendered for the reader the page asked for ({@code as}, {@code list}).
 */
final class IssueTabs {

    private final IssueSnapshots snapshots;
    private final Readers readers;
    private final Clock clock;

    IssueTabs(IssueSnapshots snapshots, Readers readers, Clock clock) {
        this.snapshots = snapshots;
        this.readers = readers;
        this.clock = clock;
    }

    Routes routes() {
        return new Routes()
                .add(LoopbackHost.get("/email", this::email))
                .add(LoopbackHost.get("/tab/status", this::status))
                .add(LoopbackHost.get("/tab/text", this::text))
                .add(LoopbackHost.get("/tab/headers", this::headers))
                .add(LoopbackHost.get("/tab/check", this::check));
    }

    /** The email's HTML part for the reader, in the chosen colour scheme, with the issue's links made local. */
    private Response email(Request request) {
        IssueSnapshot snapshot = snapshots.current();
        if (!snapshot.ok()) {
            return ContentPolicy.issue(422, Fragments.page("The issue does not render", Fragments.problems(snapshot, snapshots.root())));
        }
        Reader reader;
        try {
            reader = reader(snapshot, request);
        } catch (UserInputException e) {
            return ContentPolicy.issue(404, Fragments.page("No such reader", Fragments.note("error", e.getMessage())));
        }
        String html = snapshot.rendered().personalise(reader.recipient()).html();
        return ContentPolicy.issue(200, ColorScheme.of(request.query().get("scheme")).apply(localLinks(snapshot).apply(html)));
    }

    /** Who it is rendered for, and what stops it rendering: the line above the tabs. */
    private Response status(Request request) {
        IssueSnapshot snapshot = snapshots.current();
        if (!snapshot.ok()) {
            return fragment(422, Fragments.problems(snapshot, snapshots.root()));
        }
        try {
            Reader reader = reader(snapshot, request);
            return fragment(200, Fragments.note("reader", "Rendered for " + reader.description() + "."));
        } catch (UserInputException e) {
            return fragment(404, "<section class=\"problems\" role=\"alert\">" + Fragments.note("error", e.getMessage()) + "</section>");
        }
    }

    private Response text(Request request) {
        return withReader(request, (snapshot, reader) ->
                Fragments.pre("text-part", snapshot.rendered().personalise(reader.recipient()).text()));
    }

    /** The header of the message as send would build and sign it for this reader, and its envelope. */
    private Response headers(Request request) {
        return withReader(request, (snapshot, reader) -> {
            IssuePipeline pipeline = snapshot.pipeline();
            RenderedIssue rendered = snapshot.rendered();
            CampaignMessages campaign = pipeline.campaign(rendered, reader.listSlug());
            OutgoingMessage message = reader.message(pipeline, campaign, "preview:" + rendered.issue().slug());
            byte[] signed = MessageSigners.of(snapshot.workspace().sending().dkim(), clock).sign(message.bytes());
            return Fragments.pre("envelope", "MAIL FROM:<" + message.envelopeFrom() + ">\nRCPT TO:<" + message.recipient() + ">")
                    + Fragments.pre("headers", headerSection(signed))
                    + Fragments.note("note", "Date is the time of this preview; the Message-ID is fixed for this issue and reader, "
                            + "as a campaign's is for its recipients. The body follows as multipart/alternative: "
                            + "text/plain first, then text/html, both quoted-printable UTF-8.");
        });
    }

    /** What {@code newsletter check} says about the issue. */
    private Response check(Request request) {
        IssueSnapshot snapshot = snapshots.current();
        List<Diagnostic> findings = snapshot.findings();
        if (findings.isEmpty()) {
            return fragment(200, Fragments.note("clean", "newsletter check finds nothing to fix."));
        }
        return fragment(200, Fragments.note("summary", IssueCheck.summary(findings))
                + Fragments.diagnostics(snapshot, findings, snapshots.root()));
    }

    /** Makes a tab's fragment for the issue as rendered for the requested reader, or says why it cannot. */
    private Response withReader(Request request, TabBody body) {
        IssueSnapshot snapshot = snapshots.current();
        if (!snapshot.ok()) {
            return fragment(422, Fragments.problems(snapshot, snapshots.root()));
        }
        try {
            return fragment(200, body.html(snapshot, reader(snapshot, request)));
        } catch (UserInputException e) {
            return fragment(404, Fragments.note("error", e.getMessage()));
        }
    }

    /** A tab's contents for a reader. */
    @FunctionalInterface
    private interface TabBody {
        String html(IssueSnapshot snapshot, Reader reader);
    }

    private Reader reader(IssueSnapshot snapshot, Request request) {
        Map<String, String> query = request.query();
        return readers.find(snapshot.workspace(), query.get("as"), query.get("list"));
    }

    static LocalLinks localLinks(IssueSnapshot snapshot) {
        String slug = snapshot.rendered().issue().slug();
        return LocalLinks.of(snapshot.workspace().site().issueUrl(slug), slug);
    }

    private static Response fragment(int status, String html) {
        return Response.html(status, html);
    }

    /** Everything before the blank line that ends a message's header, with CRLF shown as plain line ends. */
    static String headerSection(byte[] message) {
        String text = new String(message, StandardCharsets.US_ASCII);
        int end = text.indexOf("\r\n\r\n");
        return (end < 0 ? text : text.substring(0, end)).replace("\r\n", "\n");
    }
}
