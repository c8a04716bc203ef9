package org.newsletter.issue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.Recipient;
import org.newsletter.render.RenderedIssue;

/**
 * Gmail's and Yahoo's bulk-sender rules (February 2024) want a visible unsubscribe link in the body as
 * well as the List-Unsubscribe header; so does the law in many places. A workspace template that
 * replaced {@code ${links.unsubscribe}} with a fixed URL, hid the link or dropped it would send mail
 * nobody can leave from the message itself.
 */
final class UnsubscribeLinkCheck {

    /** Styles that hide an element from the reader (the preheader uses them on purpose). */
    private static final Pattern HIDDEN = Pattern.compile(
            "display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0(?![.\\d]*[1-9])|max-height\\s*:\\s*0(?![.\\d]*[1-9])|opacity\\s*:\\s*0(?![.\\d]*[1-9])");

    private UnsubscribeLinkCheck() {
    }

    /** Errors for each part without the recipient's own unsubscribe link, shown to the reader. */
    static List<Diagnostic> check(RenderedIssue.PersonalisedContent content, Recipient sample, TemplateSource html, TemplateSource text) {
        List<Diagnostic> errors = new ArrayList<>();
        String url = sample.unsubscribeUrl();
        boolean visible = Jsoup.parse(content.html()).select("a[href]").stream()
                .anyMatch(a -> a.attr("href").equals(url) && !a.text().isBlank() && !hidden(a));
        if (!visible) {
            errors.add(Diagnostic.error(html.position(), "the HTML part has no visible unsubscribe link: link ${links.unsubscribe}"
                    + " with words such as \"Unsubscribe\" (Gmail and Yahoo require one, and it must be the reader's own link)"));
        }
        if (!content.text().contains(url)) {
            errors.add(Diagnostic.error(text.position(), "the text part has no unsubscribe link: write ${links.unsubscribe}"
                    + " (Gmail and Yahoo require one, and it must be the reader's own link)"));
        }
        return errors;
    }

    private static boolean hidden(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            if (e.hasAttr("hidden") || HIDDEN.matcher(e.attr("style").toLowerCase(Locale.ROOT)).find()) {
                return true;
            }
        }
        return false;
    }
}
