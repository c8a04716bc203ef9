package org.newsletter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private final ReaderPages pages;
    private final ErrorPages errors;

    UnsubscribePages(StorePool stores, SubscriberTokens tokens, ReaderPages pages, ErrorPages errors) {
        this.stores = stores;
        this.tokens = tokens;
        this.pages = pages;
        this.errors = errors;
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
        return pages.page(200, "unsubscribe", language(m), about(m));
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
            Map<String, Object> values = about(m.get());
            if (outcome == SelfService.Confirmation.NOT_LEFT) {
                return pages.page(200, "not-left", language(m.get()), values);
            }
            if (outcome == SelfService.Confirmation.SUPPRESSED) {
                return pages.page(200, "suppressed", language(m.get()), values);
            }
            values.put("again", true);
            return pages.page(200, "subscribed", language(m.get()), values);
        });
    }

    /** After an unsubscribe, or for a list the person is not on: "Subscribe again" only for a list they left. */
    private Response unsubscribedPage(ListMembership m, boolean justNow) {
        boolean left = m.status().filter(s -> s == SubscriptionStatus.UNSUBSCRIBED).isPresent();
        Map<String, Object> values = about(m);
        values.put("justNow", justNow);
        values.put("left", left);
        return pages.page(200, "unsubscribed", language(m), values);
    }

    /**
     * The person's other public lists they are subscribed to, each with its own unsubscribe button (its
     * own token). Pending lists are left out: their token would also serve "subscribe again", a way
     * round the confirmation email. Private lists are left out: they appear on no public page but
     * their own unsubscribe page.
     */
    private List<OtherList> otherLists(ListMembership m) {
        List<OtherList> lists = new ArrayList<>();
        for (ListMembership.Other other : m.others()) {
            if (other.status() == SubscriptionStatus.SUBSCRIBED && other.list().isPublic()) {
                lists.add(new OtherList(other.list().name(), tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, m.subscriberId(), other.list().id())));
            }
        }
        return lists;
    }

    /** Another list on the page, with its own unsubscribe token. Public because FreeMarker reads it by reflection. */
    public record OtherList(String name, String token) {
    }

    /** What every page about one person and one list shows. */
    private Map<String, Object> about(ListMembership m) {
        Map<String, Object> values = new HashMap<>();
        values.put("address", AddressMask.mask(m.email()));
        values.put("list", m.list().name());
        values.put("others", otherLists(m));
        values.put("preferences", tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, m.subscriberId(), m.list().id()));
        return values;
    }

    /** The pages about one list speak its language. */
    private Locale language(ListMembership m) {
        return pages.languageOf(m.list());
    }

    /**
     * A link from a {@code send --test-to} copy (its token names no one), or else the plain 404. A GET
     * and a POST (the button, or a mail client's one-click POST) answer alike and change nothing.
     */
    private Response testCopyOrNotFound(Request request) {
        if (tokens.verify(SubscriberTokens.Purpose.TEST, request.pathParameter(0)).isPresent()) {
            return pages.page(200, "test-copy", pages.language(request), Map.of());
        }
        return errors.notFound();
    }

    /** RFC 8058 section 3.1: the POST body carries {@code List-Unsubscribe=One-Click}, form-encoded or multipart. */
    private static boolean isOneClick(Request request) throws IOException {
        String body = new String(request.body(), StandardCharsets.UTF_8);
        return body.contains("List-Unsubscribe=One-Click") || body.contains("name=\"List-Unsubscribe\"");
    }
}
