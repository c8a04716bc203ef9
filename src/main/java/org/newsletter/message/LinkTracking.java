package org.newsletter.message;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.Tracking;
import org.newsletter.render.CalendarLinks;
import org.newsletter.render.HtmlEscape;
import org.newsletter.render.RenderedIssue;
import org.newsletter.render.Slot;
import org.newsletter.render.Stencil;

/**
 * A campaign's copy of a rendered issue with the workspace's {@code tracking:} applied, once per
 * campaign: UTM parameters on links to the organisation's own sites, then every remaining web link
 * of both parts through {@code BASE/c/TOKEN}, and the counted image. With tracking off the issue is
 * returned as it is, so the links go out exactly as written.
 *
 * <p>Left alone, always: unsubscribe and preference-centre links (they are personal slots, and must
 * work without the redirect), calendar files ({@code .ics}) and "add to calendar" links, {@code mailto:}
 * and every other non-web scheme, and anything holding a personal slot.
 *
 * <p>The token of link {@code i} of campaign {@code c} is {@code c.i.MAC} (HMAC over both, see
 * {@link SubscriberTokens}); it is the same for everyone, so in {@code aggregate} mode the bodies stay
 * shared. In {@code per_person} mode the {@link Slot#CLICK_PERSON} slot follows it: {@code .s.MAC},
 * signing campaign and subscriber. Each half is signed, so nobody can make a link that names another
 * person or a link the campaign does not have; one signature per recipient keeps personalisation cheap
 * however many links an issue has. The same URL in both parts gets the same index.
 */
public final class LinkTracking {

    /** An {@code <a>} start tag's double-quoted href (the CSS inliner writes every attribute that way); quoted values before it are skipped whole. */
    private static final Pattern HREF = Pattern.compile("(<a\\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?\\shref=\")([^\"]*)(\")",
            Pattern.CASE_INSENSITIVE);
    /** A web address in the text part, where links are written out in full. */
    private static final Pattern TEXT_URL = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final String PERSONAL = "@@nl-";

    private final Tracking tracking;
    private final URI baseUrl;
    private final SubscriberTokens tokens;

    public LinkTracking(Tracking tracking, URI baseUrl, SubscriberTokens tokens) {
        this.tracking = Objects.requireNonNull(tracking, "tracking");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * @param rendered the issue as rendered for everyone
     * @param links    the targets of the click-tracked links, by index: what {@code /c/} redirects to
     */
    public record Tracked(RenderedIssue rendered, List<String> links) {
        public Tracked {
            links = List.copyOf(links);
        }
    }

    /** The campaign's copy of {@code rendered}; {@code slug} is the issue's folder name, its utm_campaign. */
    public Tracked apply(RenderedIssue rendered, long campaignId, String slug) {
        if (!tracking.changesLinks()) {
            return new Tracked(rendered, List.of());
        }
        Map<String, Integer> links = new LinkedHashMap<>();
        String html = rewriteHtml(joined(rendered.emailHtml()), campaignId, slug, links);
        String text = rewriteText(joined(rendered.emailText()), campaignId, slug, links);
        if (tracking.opens()) {
            html = withImage(html, campaignId);
        }
        RenderedIssue tracked = new RenderedIssue(rendered.issue(), Stencil.compile(html), Stencil.compile(text), rendered.webHtml(),
                rendered.calendars());
        return new Tracked(tracked, new ArrayList<>(links.keySet()));
    }

    /** {@code BASE/o/c.0.MAC.gif}: the campaign's counted image, the same for everyone. */
    public String imageUrl(long campaignId) {
        return baseUrl.resolve("o/" + tokens.token(SubscriberTokens.Purpose.IMAGE, campaignId, 0) + ".gif").toString();
    }

    private String rewriteHtml(String html, long campaignId, String slug, Map<String, Integer> links) {
        Matcher m = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 1024);
        while (m.find()) {
            String url = Parser.unescapeEntities(m.group(2), true);
            String changed = rewrite(url, campaignId, slug, links);
            String href = changed.equals(url) ? m.group(2) : HtmlEscape.escape(changed);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + href + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String rewriteText(String text, long campaignId, String slug, Map<String, Integer> links) {
        Matcher m = TEXT_URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 1024);
        while (m.find()) {
            String url = withoutTrailingPunctuation(m.group());
            String rest = m.group().substring(url.length());
            m.appendReplacement(out, Matcher.quoteReplacement(rewrite(url, campaignId, slug, links) + rest));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A sentence's full stop or a closing bracket after an address belongs to the sentence, not the address. */
    private static String withoutTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0) {
            char c = url.charAt(end - 1);
            if (".,;:!?'".indexOf(c) >= 0 || c == ')' && url.lastIndexOf('(', end - 1) < 0) {
                end--;
            } else {
                break;
            }
        }
        return url.substring(0, end);
    }

    private String rewrite(String url, long campaignId, String slug, Map<String, Integer> links) {
        if (!tracked(url)) {
            return url;
        }
        String target = tracking.utm() ? withUtm(url, slug) : url;
        if (!tracking.clicksOn()) {
            return target;
        }
        int index = links.computeIfAbsent(target, t -> links.size());
        String link = baseUrl.resolve("c/" + tokens.token(SubscriberTokens.Purpose.CLICK, campaignId, index)).toString();
        return tracking.clicks() == Tracking.Clicks.PER_PERSON ? link + Slot.CLICK_PERSON.marker() : link;
    }

    /** Web links only, and none of those the class comment says are left alone. */
    static boolean tracked(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://")) || url.contains(PERSONAL) || CalendarLinks.isAddToCalendar(url)) {
            return false;
        }
        int end = lower.length();
        for (char c : new char[] {'?', '#'}) {
            int at = lower.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return !lower.substring(0, end).endsWith(".ics");
    }

    /**
     * Adds {@code utm_source=newsletter&utm_medium=email&utm_campaign=SLUG} to a link whose host is the
     * base URL's or one of {@code utm_domains}, keeping its query and fragment; a parameter the link
     * already has is not added again.
     */
    String withUtm(String url, String slug) {
        String host;
        try {
            host = new URI(url).getHost();
        } catch (URISyntaxException e) {
            return url; // not an address this can reason about: left as written
        }
        if (host == null) {
            return url;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (!host.equals(baseUrl.getHost().toLowerCase(Locale.ROOT)) && !tracking.utmDomains().contains(host)) {
            return url;
        }
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String beforeFragment = hash < 0 ? url : url.substring(0, hash);
        int question = beforeFragment.indexOf('?');
        String query = question < 0 ? "" : beforeFragment.substring(question + 1);
        List<String> present = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            present.add((eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT));
        }
        StringBuilder added = new StringBuilder();
        for (String[] parameter : new String[][] {{"utm_source", "newsletter"}, {"utm_medium", "email"}, {"utm_campaign", slug}}) {
            if (!present.contains(parameter[0])) {
                added.append(added.length() == 0 ? "" : "&").append(parameter[0]).append('=')
                        .append(URLEncoder.encode(parameter[1], StandardCharsets.UTF_8));
            }
        }
        if (added.length() == 0) {
            return url;
        }
        String separator = question < 0 ? "?" : query.isEmpty() || query.endsWith("&") ? "" : "&";
        return beforeFragment + separator + added + fragment;
    }

    /** The 1×1 image at the end of the body: no person in its address, so a load says only "someone". */
    private String withImage(String html, long campaignId) {
        String image = "<img src=\"" + HtmlEscape.escape(imageUrl(campaignId))
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\">";
        int body = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return body < 0 ? html + image : html.substring(0, body) + image + html.substring(body);
    }

    /** The stencil's text with its slot markers back in place, so it can be rewritten and compiled again. */
    private static String joined(Stencil stencil) {
        List<String> literals = stencil.literals();
        List<Slot> slots = stencil.slots();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < slots.size(); i++) {
            text.append(literals.get(i)).append(slots.get(i).marker());
        }
        return text.append(literals.get(slots.size())).toString();
    }
}
