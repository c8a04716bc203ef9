package org.newsletter.web;

import static org.newsletter.render.HtmlEscape.escape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.ListMembership;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.SelfService;
import org.newsletter.store.StorePool;

/**
 * {@code /u/TOKEN}, the address in every message's footer and List-Unsubscribe header. A GET only
 * shows a page with a button: mail scanners and link previews fetch links, and must not unsubscribe
 * anyone. A POST unsubscribes: the button, or a mail client's RFC 8058 one-click POST (body
 * {@code List-Unsubscribe=One-Click}, no cookies, no page needed). Repeating it changes nothing.
 * The same token lets the person subscribe again to a list they left (not confirm a pending one),
 * and shows their other public lists with a button each. The links of a test copy come here too,
 * to a page saying so.
 */
final class UnsubscribePages {

    /** The token's shape, loosely: the token check decides; this only keeps junk out of the router. */
    static final String TOKEN = "([0-9A-Za-z._-]{1,80})";

    private final StorePool stores;
    private final SubscriberTokens tokens;
    private final PageLayout layout;
    private final ErrorPages errors;
    private final String organisation;

    UnsubscribePages(StorePool stores, SubscriberTokens tokens, PageLayout layout, ErrorPages errors, String organisation) {
        this.stores = stores;
        this.tokens = tokens;
        this.layout = layout;
        this.errors = errors;
        this.organisation = organisation;
    }

    Routes routes() {
        return new Routes()
                .add(Route.get("/u/" + TOKEN, this::show))
                .add(Route.post("/u/" + TOKEN, this::act));
    }

    private Response show(Request request) {
        Optional<SubscriberTokens.Ids> ids = tokens.verify(SubscriberTokens.Purpose.UNSUBSCRIBE, request.pathParameter(0));
        if (ids.isEmpty()) {
            return testCopyOrNotFound(request);
        }
        Optional<ListMembership> membership = stores.with(store -> store.selfService().membership(ids.get().first(), ids.get().second()));
        if (membership.isEmpty()) {
            return errors.notFound();
        }
        ListMembership m = membership.get();
        if (m.status().isEmpty() || m.status().get() == SubscriptionStatus.UNSUBSCRIBED) {
            return unsubscribedPage(m, false);
        }
        // Subscribed or pending: either way the button withdraws it.
        String body = "<p>" + escape(AddressMask.mask(m.email())) + " will no longer get <strong>" + escape(m.list().name())
                + "</strong> from " + escape(organisation) + ".</p>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"action\" value=\"unsubscribe\">"
                + "<button type=\"submit\">Unsubscribe</button></form>"
                + otherLists(m);
        return Response.html(200, layout.page("Unsubscribe from " + m.list().name() + "?", body));
    }

    private Response act(Request request) throws IOException {
        Optional<SubscriberTokens.Ids> ids = tokens.verify(SubscriberTokens.Purpose.UNSUBSCRIBE, request.pathParameter(0));
        if (ids.isEmpty()) {
            return testCopyOrNotFound(request);
        }
        long subscriber = ids.get().first();
        long list = ids.get().second();
        boolean oneClick = isOneClick(request);
        String action = oneClick ? "unsubscribe" : request.form().getOrDefault("action", "unsubscribe");
        if (action.equals("resubscribe")) {
            return resubscribe(subscriber, list);
        }
        Optional<ListMembership> before = stores.writing(store -> {
            Optional<ListMembership> found = store.selfService().membership(subscriber, list);
            if (found.isPresent()) {
                store.selfService().unsubscribe(subscriber, list, oneClick ? SelfService.ONE_CLICK : SelfService.UNSUBSCRIBE_PAGE);
            }
            return found;
        });
        return before.map(m -> unsubscribedPage(m.withStatus(SubscriptionStatus.UNSUBSCRIBED), true)).orElseGet(errors::notFound);
    }

    private Response resubscribe(long subscriber, long list) {
        return stores.writing(store -> {
            SelfService.Confirmation outcome = store.selfService().resubscribe(subscriber, list, "resubscribed on the unsubscribe page");
            Optional<ListMembership> m = store.selfService().membership(subscriber, list);
            if (outcome == SelfService.Confirmation.GONE || m.isEmpty()) {
                return errors.notFound();
            }
            if (outcome == SelfService.Confirmation.NOT_LEFT) {
                return Response.html(200, layout.page(ReaderWords.NOT_LEFT_TITLE,
                        ReaderWords.notLeft(AddressMask.mask(m.get().email()), m.get().list().name()) + otherLists(m.get())));
            }
            if (outcome == SelfService.Confirmation.SUPPRESSED) {
                return Response.html(200, layout.page("Cannot subscribe this address",
                        "<p>We no longer send to " + escape(AddressMask.mask(m.get().email()))
                                + " (it bounced, or asked never to be mailed again). Write to us if that should change.</p>"));
            }
            return Response.html(200, layout.page("You are subscribed again",
                    "<p>" + escape(AddressMask.mask(m.get().email())) + " will get <strong>" + escape(m.get().list().name())
                            + "</strong> again. Welcome back.</p>" + otherLists(m.get())));
        });
    }

    /** After an unsubscribe, or for a list the person is not on: "Subscribe again" only for a list they left. */
    private Response unsubscribedPage(ListMembership m, boolean justNow) {
        boolean left = m.status().filter(s -> s == SubscriptionStatus.UNSUBSCRIBED).isPresent();
        String body = "<p>" + escape(AddressMask.mask(m.email())) + (justNow ? " is unsubscribed from " : " is not subscribed to ")
                + "<strong>" + escape(m.list().name()) + "</strong>"
                + (justNow ? ". You will get no more of it." : ".") + "</p>"
                + (left ? "<p class=\"note\">Changed your mind?</p>"
                        + "<form method=\"post\"><input type=\"hidden\" name=\"action\" value=\"resubscribe\">"
                        + "<button type=\"submit\" class=\"secondary\">Subscribe again</button></form>" : "")
                + otherLists(m);
        return Response.html(200, layout.page(justNow ? "You are unsubscribed" : "Not subscribed", body));
    }

    /**
     * The person's other public lists they are subscribed to, each with its own unsubscribe button (its
     * own token). Pending lists are left out: their token would also serve "subscribe again", a way
     * round the confirmation email. Private lists are left out: they appear on no public page but
     * their own unsubscribe page.
     */
    private String otherLists(ListMembership m) {
        StringBuilder html = new StringBuilder();
        for (ListMembership.Other other : m.others()) {
            if (other.status() != SubscriptionStatus.SUBSCRIBED || !other.list().isPublic()) {
                continue;
            }
            String token = tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, m.subscriberId(), other.list().id());
            html.append("<li><strong>").append(escape(other.list().name())).append("</strong> (subscribed)")
                    .append("<form method=\"post\" action=\"").append(escape(token)).append("\">")
                    .append("<input type=\"hidden\" name=\"action\" value=\"unsubscribe\">")
                    .append("<button type=\"submit\" class=\"secondary\">Unsubscribe from this too</button></form></li>");
        }
        String lists = html.isEmpty() ? "" : "<h2>Your other lists</h2><ul>" + html + "</ul>";
        return lists + "<p class=\"note\"><a href=\"../subscribe\">See all our lists</a></p>";
    }

    /**
     * A link from a {@code send --test-to} copy (its token names no one), or else the plain 404. A GET
     * and a POST (the button, or a mail client's one-click POST) answer alike and change nothing.
     */
    private Response testCopyOrNotFound(Request request) {
        if (tokens.verify(SubscriberTokens.Purpose.TEST, request.pathParameter(0)).isPresent()) {
            return Response.html(200, layout.page(ReaderWords.TEST_COPY_TITLE, ReaderWords.testCopy()));
        }
        return errors.notFound();
    }

    /** RFC 8058 section 3.1: the POST body carries {@code List-Unsubscribe=One-Click}, form-encoded or multipart. */
    private static boolean isOneClick(Request request) throws IOException {
        String body = new String(request.body(), StandardCharsets.UTF_8);
        return body.contains("List-Unsubscribe=One-Click") || body.contains("name=\"List-Unsubscribe\"");
    }
}
