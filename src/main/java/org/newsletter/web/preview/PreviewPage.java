package org.newsletter.web.preview;

import static org.newsletter.render.HtmlEscape.escape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.newsletter.web.Response;
import org.newsletter.web.Routes;

/**
 * The preview's own page and its two files: the controls (desktop / mobile, light / dark, render as),
 * the tabs, and the pane they fill. The script is a file of its own because the page's policy allows
 * scripts from this origin only, never inline ones.
 */
final class PreviewPage {

    private final String slug;
    private final byte[] script;
    private final byte[] styles;

    PreviewPage(String slug) {
        this.slug = slug;
        this.script = resource("preview.js");
        this.styles = resource("preview.css");
    }

    Routes routes() {
        return new Routes()
                .add(LoopbackHost.get("/", request -> Response.html(200, html())))
                .add(LoopbackHost.get("/preview\\.js", request -> Response.bytes("text/javascript; charset=utf-8", script)))
                .add(LoopbackHost.get("/preview\\.css", request -> Response.bytes("text/css; charset=utf-8", styles)));
    }

    private String html() {
        String tabs = tab("email", "Email", true) + tab("text", "Text", false) + tab("headers", "Headers", false)
                + tab("check", "Check", false) + tab("web", "Web version", false) + tab("outbox", "Outbox", false)
                + tab("campaigns", "Campaigns", false);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>Preview: " + escape(slug) + "</title><link rel=\"stylesheet\" href=\"/preview.css\">"
                + "<script src=\"/preview.js\" defer></script></head>"
                + "<body data-web=\"" + escape(LocalLinks.localPath(slug)) + "\"><header class=\"bar\">"
                + "<h1>" + escape(slug) + " <span id=\"live\" class=\"live\">connecting…</span></h1>"
                + "<div class=\"controls\">"
                + "<div class=\"group\" role=\"group\" aria-label=\"Width\">"
                + "<button type=\"button\" id=\"desktop\" data-view=\"desktop\">Desktop</button>"
                + "<button type=\"button\" id=\"mobile\" data-view=\"mobile\">Mobile 375 px</button></div>"
                + "<div class=\"group\" role=\"group\" aria-label=\"Colours\">"
                + "<button type=\"button\" id=\"light\" data-scheme=\"light\">Light</button>"
                + "<button type=\"button\" id=\"dark\" data-scheme=\"dark\">Dark</button></div>"
                + "<form id=\"render-as\" class=\"group\">"
                + "<label>Render as <input type=\"email\" name=\"as\" size=\"26\" placeholder=\"an address, or empty: sample\"></label>"
                + "<label>list <input type=\"text\" name=\"list\" size=\"10\" placeholder=\"their first\"></label>"
                + "<button type=\"submit\">Render</button></form></div>"
                + "<nav class=\"tabs\" role=\"tablist\">" + tabs + "</nav></header>"
                + "<div id=\"status\" aria-live=\"polite\"></div>"
                + "<main id=\"pane\" class=\"desktop\">"
                + "<iframe id=\"frame\" class=\"viewport\" title=\"Preview\" sandbox=\"allow-same-origin allow-popups allow-popups-to-escape-sandbox\"></iframe>"
                + "<div id=\"fragment\" hidden></div></main></body></html>\n";
    }

    private static String tab(String name, String label, boolean selected) {
        return "<button type=\"button\" role=\"tab\" id=\"tab-" + name + "\" data-tab=\"" + name + "\" aria-selected=\"" + selected + "\">"
                + label + "</button>";
    }

    private static byte[] resource(String name) {
        try (InputStream in = PreviewPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + PreviewPage.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
