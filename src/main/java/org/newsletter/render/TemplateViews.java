package org.newsletter.render;

import freemarker.core.TemplateHTMLOutputModel;
import freemarker.template.TemplateMethodModelEx;
import java.util.List;

/**
 * What templates see. Plain records with names a template author can guess; HTML that is already
 * safe (rendered Markdown) is passed as FreeMarker markup so {@code ${block.html}} is not escaped twice,
 * while every other string is escaped by the {@code .ftlh} output format.
 */
public final class TemplateViews {

    private TemplateViews() {
    }

    /** The whole model of one template run. */
    public record Model(SiteView site, IssueView issue, RecipientView recipient, LinksView links, TemplateMethodModelEx msg,
            BrandView brand) {
    }

    public record SiteView(String organisation, String postalAddress, String reason, String baseUrl,
            String archiveUrl, String senderName, String senderAddress, String replyTo) {
    }

    /** {@code lang} is a BCP 47 tag; {@code dir} is "ltr" or "rtl", for the HTML attribute of that name. */
    public record IssueView(String slug, String title, String subject, String preheader, String date,
            String isoDate, String lang, String dir, HeroView hero, List<BlockView> blocks, List<EventView> upcoming,
            List<EventView> events, List<LinkView> references) {
    }

    public record HeroView(String src, String alt, int width, int height) {
    }

    /** A piece of the body: {@code kind} is "prose" (use html/text) or "events" (use events). */
    public record BlockView(String kind, TemplateHTMLOutputModel html, String text, List<EventView> events) {
        public boolean isProse() {
            return "prose".equals(kind);
        }
    }

    public record EventView(String id, String title, String when, String date, String time, String zone,
            String location, String url, String urlText, String button, boolean mailto, TemplateHTMLOutputModel descriptionHtml,
            String descriptionText, String googleUrl, String outlookUrl, String icsUrl, String startIso, String endIso) {
    }

    /** A numbered link reference of the text part: "[3] https://…". */
    public record LinkView(int number, String url) {
    }

    /** Personal values; in a rendered issue these are slot markers filled per recipient. */
    public record RecipientView(String name, String email) {
    }

    /** {@code preferences} is the reader's preference centre (empty on the web version: it is nobody's). */
    public record LinksView(String web, String archive, String unsubscribe, String preferences) {
    }
}
