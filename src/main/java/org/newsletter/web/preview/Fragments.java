package org.newsletter.web.preview;

import static org.newsletter.render.HtmlEscape.escape;

import java.nio.file.Path;
import java.util.List;
import org.newsletter.model.Diagnostic;

/** Bits of HTML the preview's tabs are made of. Every value is escaped here. */
final class Fragments {

    private Fragments() {
    }

    /** Findings one per line, {@code file:line: error: message}, as the command line prints them. */
    static String diagnostics(IssueSnapshot snapshot, List<Diagnostic> findings, Path root) {
        StringBuilder html = new StringBuilder("<ul class=\"findings\">");
        for (Diagnostic finding : findings) {
            html.append("<li class=\"").append(finding.isError() ? "error" : "warning").append("\"><code class=\"where\">")
                    .append(escape(snapshot.where(finding, root))).append("</code> <b>").append(finding.severity().label())
                    .append("</b>: ").append(escape(finding.message())).append("</li>");
        }
        return html.append("</ul>").toString();
    }

    /** What stopped the issue from rendering, for the banner and in place of the email. */
    static String problems(IssueSnapshot snapshot, Path root) {
        return "<section class=\"problems\" role=\"alert\"><h2>The issue does not render</h2>"
                + diagnostics(snapshot, snapshot.problems(), root)
                + "<p>Fix it and save: the preview updates by itself.</p></section>";
    }

    static String note(String cssClass, String text) {
        return "<p class=\"" + cssClass + "\">" + escape(text) + "</p>";
    }

    static String pre(String cssClass, String text) {
        return "<pre class=\"" + cssClass + "\">" + escape(text) + "</pre>";
    }

    /** A whole small page, for a problem shown where a document was expected (inside an iframe). */
    static String page(String title, String bodyHtml) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + "<style>body{font:15px/1.5 system-ui,sans-serif;margin:16px;color:#1f2328}code{font-size:14px}"
                + ".error b{color:#a40e26}.warning b{color:#8a5300}h2{font-size:18px;margin:0 0 8px}"
                + "ul{padding-left:20px}</style></head><body>" + bodyHtml + "</body></html>\n";
    }
}
