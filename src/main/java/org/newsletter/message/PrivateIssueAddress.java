package org.newsletter.message;

import java.net.URI;
import java.util.List;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.Site;
import org.newsletter.render.RenderedIssue;
import org.newsletter.render.Slot;
import org.newsletter.render.Stencil;

/**
 * The web address of an issue sent only to private lists: {@code BASE/archive/SLUG/~KEY/}, where KEY
 * is an HMAC of the folder name ({@link SubscriberTokens.Purpose#ARCHIVE}). Folder names are easy to
 * guess, so without the key such an issue answers "not found"; the key travels in the email's links,
 * so whoever got the email (or had it forwarded) can open it.
 *
 * <p>The key is a path segment rather than a query parameter so that everything under the issue's
 * address carries it without a rewrite: the web page's relative links ({@code images/…},
 * {@code events/…}) resolve below it, and the email's absolute image, calendar and "view in browser"
 * addresses all start with the issue's address, which is swapped as one prefix. "~" cannot begin a
 * folder name or an image path, so the key's segment can never be mistaken for one of the issue's files.
 */
public final class PrivateIssueAddress {

    /** What starts the key's path segment. */
    public static final String KEY_MARK = "~";

    private final Site site;
    private final SubscriberTokens tokens;

    public PrivateIssueAddress(Site site, SubscriberTokens tokens) {
        this.site = site;
        this.tokens = tokens;
    }

    /** The key that opens issue {@code slug}. */
    public String key(String slug) {
        return tokens.signature(SubscriberTokens.Purpose.ARCHIVE, slug);
    }

    /** Whether {@code key} opens issue {@code slug}: compared in constant time. */
    public boolean opens(String slug, String key) {
        return tokens.verifySignature(SubscriberTokens.Purpose.ARCHIVE, slug, key);
    }

    /** {@code BASE/archive/SLUG/~KEY/}. */
    public URI of(String slug) {
        return site.issueUrl(slug).resolve(KEY_MARK + key(slug) + "/");
    }

    /**
     * The issue as the readers of a private list get it: every address under the issue's public one
     * (view in browser, images, calendar files) moved under its keyed one, in both parts. The web page
     * is left alone: its links are relative, so they follow whatever address it was opened at.
     */
    public RenderedIssue forPrivateList(RenderedIssue rendered) {
        String open = site.issueUrl(rendered.issue().slug()).toString();
        String keyed = of(rendered.issue().slug()).toString();
        return new RenderedIssue(rendered.issue(), moved(rendered.emailHtml(), open, keyed), moved(rendered.emailText(), open, keyed),
                rendered.webHtml(), rendered.calendars());
    }

    private static Stencil moved(Stencil stencil, String from, String to) {
        List<String> literals = stencil.literals();
        List<Slot> slots = stencil.slots();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < slots.size(); i++) {
            text.append(literals.get(i).replace(from, to)).append(slots.get(i).marker());
        }
        return Stencil.compile(text.append(literals.get(slots.size()).replace(from, to)).toString());
    }
}
