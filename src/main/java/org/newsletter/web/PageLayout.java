package org.newsletter.web;

import static org.newsletter.render.HtmlEscape.escape;

import java.util.Locale;

/**
 * The frame of the pages the server makes itself (unsubscribe, subscribe, confirm, errors, archive
 * index): the organisation's name, a readable column, and styles inline because the pages load
 * nothing else. Every value put into it must already be escaped HTML, which is why the body is
 * called {@code bodyHtml}.
 */
public final class PageLayout {

    private static final String STYLE = """
            body{margin:0;padding:0 16px;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;\
            color:#1f2328;background:#f6f6f4}
            main{max-width:560px;margin:40px auto;background:#fff;padding:24px 28px;border-radius:8px;\
            box-shadow:0 1px 3px rgba(0,0,0,.12)}
            header{max-width:560px;margin:24px auto 0;color:#555;font-size:14px}
            h1{font-size:24px;line-height:1.25;margin:0 0 16px}
            button,.button{font:inherit;background:#1b5e7a;color:#fff;border:0;border-radius:6px;padding:10px 18px;\
            cursor:pointer;text-decoration:none;display:inline-block}
            button.secondary{background:#e9ecef;color:#1f2328}
            input[type=email],input[type=text]{font:inherit;width:100%;box-sizing:border-box;padding:8px;\
            border:1px solid #aaa;border-radius:4px}
            label{display:block;margin:12px 0 4px}
            .lists label{display:flex;gap:8px;align-items:center;margin:4px 0}
            .hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
            .note{color:#555;font-size:14px}
            .error{color:#a40e26}
            ul.issues{padding:0;list-style:none}
            ul.issues li{margin:0 0 12px}
            time{color:#555;font-size:14px;display:block}
            @media (prefers-color-scheme: dark){body{background:#111;color:#e6e6e6}main{background:#1c1c1c}\
            a{color:#8cc4ff}.error{color:#ff9e9e}header,.note,time{color:#aaa}input[type=email],input[type=text]{background:#222;color:#eee}\
            button.secondary{background:#333;color:#eee}}
            """;

    private final String organisation;
    private final Locale language;

    public PageLayout(String organisation, Locale language) {
        this.organisation = organisation;
        this.language = language;
    }

    /**
     * A whole page that search engines should leave out (personal pages, forms, errors): {@code title}
     * is plain text (escaped here), {@code bodyHtml} is HTML.
     */
    public String page(String title, String bodyHtml) {
        return page(title, bodyHtml, false);
    }

    /** A page meant to be found, such as the archive's index. */
    public String indexablePage(String title, String bodyHtml) {
        return page(title, bodyHtml, true);
    }

    private String page(String title, String bodyHtml, boolean indexable) {
        return "<!DOCTYPE html>\n<html lang=\"" + escape(language.toLanguageTag()) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + (indexable ? "" : "<meta name=\"robots\" content=\"noindex\">")
                + "<title>" + escape(title) + " – " + escape(organisation) + "</title><style>" + STYLE + "</style></head>"
                + "<body><header>" + escape(organisation) + "</header><main><h1>" + escape(title) + "</h1>" + bodyHtml
                + "</main></body></html>\n";
    }
}
