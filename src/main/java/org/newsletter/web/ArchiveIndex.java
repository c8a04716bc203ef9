package org.newsletter.web;

import static org.newsletter.render.HtmlEscape.escape;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;

/**
 * The page at {@code /archive/}: every sent issue, newest first, each with its date and the line
 * that previewed it in the inbox. Links are relative ("SLUG/"), so the page works under whatever
 * host and path the proxy gives it.
 */
final class ArchiveIndex {

    private final PageLayout layout;

    ArchiveIndex(PageLayout layout) {
        this.layout = layout;
    }

    String page(List<ArchivedIssue> issues) {
        StringBuilder body = new StringBuilder();
        if (issues.isEmpty()) {
            body.append("<p>No issues have been sent yet.</p>");
        } else {
            body.append("<ul class=\"issues\">");
            for (ArchivedIssue issue : issues) {
                body.append(item(issue));
            }
            body.append("</ul>");
        }
        body.append("<p class=\"note\"><a href=\"feed.xml\" type=\"application/atom+xml\">Follow new issues with a feed reader (Atom)</a></p>");
        return layout.indexablePage("Past issues", body.toString());
    }

    private static String item(ArchivedIssue archived) {
        var issue = archived.issue();
        // Each date in its own issue's language, as its web page writes it.
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(issue.language()).format(issue.date());
        StringBuilder li = new StringBuilder("<li><a href=\"").append(escape(archived.slug())).append("/\" lang=\"")
                .append(escape(issue.language().toLanguageTag())).append("\">").append(escape(issue.title())).append("</a>")
                .append("<time datetime=\"").append(issue.date()).append("\">").append(escape(date)).append("</time>");
        if (!issue.preheader().isBlank()) {
            li.append("<span class=\"note\">").append(escape(issue.preheader())).append("</span>");
        }
        return li.append("</li>").toString();
    }
}
