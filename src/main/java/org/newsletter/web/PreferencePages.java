package org.newsletter.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.ListMembership;
import org.newsletter.model.MailingList;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.SelfService;
import org.newsletter.store.Store;
import org.newsletter.store.StorePool;
import org.newsletter.model.PersonName;

/**
 * {@code /p/TOKEN}, the preference centre every email's footer and every unsubscribe page link to
 * (Gmail's sender guidelines ask for one). It takes the same signed token as {@code /u/TOKEN}: the
 * person and the list the message came through. It shows their name and every public list (and the
 * token's own list, even a private one) with their state. A GET changes nothing; the POST saves.
 * Consent rules hold here as everywhere: ticking a list the person left, or one that asks for
 * confirmation, sends the confirmation email and subscribes nobody until its link is followed.
 * Anyone holding a forwarded email's link could tick and untick a list over and over, so those emails
 * count against the subscribe form's limits ({@link ConfirmationLimits}); past them the request is
 * recorded, no email goes, and the answer is the same page, so it says nothing about the limit.
 */
final class PreferencePages {


    /** Makes the signed confirmation link for a person and a list (the subscribe form's). */
    @FunctionalInterface
    interface ConfirmationLinks {
        URI of(long subscriberId, long listId);
    }

    /** One list on the page. Public because FreeMarker reads it by reflection. */
    public record Choice(String slug, String name, String description, String state, boolean checked) {
    }

    private final StorePool stores;
    private final SubscriberTokens tokens;
    private final ReaderPages pages;
    private final ErrorPages errors;
    private final ConfirmationMailer mailer;
    private final ConfirmationLinks links;
    private final ConfirmationLimits limits;
    private final RequestLog log;

    PreferencePages(StorePool stores, SubscriberTokens tokens, ReaderPages pages, ErrorPages errors, ConfirmationMailer mailer,
            ConfirmationLinks links, ConfirmationLimits limits, RequestLog log) {
        this.stores = stores;
        this.tokens = tokens;
        this.pages = pages;
        this.errors = errors;
        this.mailer = mailer;
        this.links = links;
        this.limits = limits;
        this.log = log;
    }

    Routes routes() {
        return new Routes()
                .add(Route.get("/p/" + UnsubscribePages.TOKEN, this::show))
                .add(Route.post("/p/" + UnsubscribePages.TOKEN, this::save));
    }

    private Response show(Request request) {
        Optional<SubscriberTokens.Ids> ids = tokens.verify(SubscriberTokens.Purpose.UNSUBSCRIBE, request.pathParameter(0));
        if (ids.isEmpty()) {
            return testCopyOrNotFound(request);
        }
        return stores.with(store -> store.selfService().membership(ids.get().first(), ids.get().second())
                .map(m -> page(200, store, m, false, "", List.of()))
                .orElseGet(errors::notFound));
    }

    private Response save(Request request) throws IOException {
        Optional<SubscriberTokens.Ids> ids = tokens.verify(SubscriberTokens.Purpose.UNSUBSCRIBE, request.pathParameter(0));
        if (ids.isEmpty()) {
            return testCopyOrNotFound(request);
        }
        Map<String, List<String>> form = request.formValues();
        List<String> wanted = form.getOrDefault("list", List.of());
        String name = form.getOrDefault("name", List.of("")).stream().findFirst().orElse("").strip();
        String client = ClientAddress.of(request);
        return stores.writing(store -> {
            Optional<ListMembership> found = store.selfService().membership(ids.get().first(), ids.get().second());
            if (found.isEmpty()) {
                return errors.notFound();
            }
            ListMembership m = found.get();
            if (!PersonName.acceptableFromForm(name)) {
                return page(400, store, m, false, pages.words(pages.languageOf(m.list())).text("subscribe.error.name", PersonName.MAX_FORM_LENGTH), List.of());
            }
            SelfService self = store.selfService();
            self.rename(m.subscriberId(), name);
            List<ConfirmationRequest.Link> toConfirm = new ArrayList<>();
            Map<Long, Optional<SubscriptionStatus>> states = states(m);
            for (MailingList list : shown(store, m)) {
                boolean on = states.getOrDefault(list.id(), Optional.empty()).filter(s -> s != SubscriptionStatus.UNSUBSCRIBED).isPresent();
                boolean want = wanted.contains(list.slug());
                if (on && !want) {
                    self.unsubscribe(m.subscriberId(), list.id(), "preference centre");
                } else if (!on && want) {
                    SelfService.Requested outcome = self.request(EmailAddress.parse(m.email()), "", list, "preference centre");
                    if (outcome.outcome() == SelfService.Request.PENDING) {
                        toConfirm.add(new ConfirmationRequest.Link(list, links.of(m.subscriberId(), list.id())));
                    }
                }
            }
            if (!toConfirm.isEmpty()) {
                EmailAddress email = EmailAddress.parse(m.email());
                // The client first, as on the subscribe form: a client past its limit uses up no address's allowance.
                if (limits.client(client) && limits.address(email.key())) {
                    ConfirmationRequest mail = new ConfirmationRequest(email, toConfirm, pages.languageOf(m.list()));
                    if (!mailer.submit(() -> Optional.of(mail))) {
                        return errors.page(503, "error.cannotMail");
                    }
                } else {
                    log.log("preference centre: confirmation to " + AddressMask.mask(m.email()) + " not sent, over the limit for its client or address");
                }
            }
            ListMembership now = self.membership(m.subscriberId(), m.list().id()).orElse(m);
            return page(200, store, now, true, "", toConfirm.stream().map(l -> l.list().name()).toList());
        });
    }

    /** Every public list, and the token's own list even when it is private (the person got mail from it). */
    private static List<MailingList> shown(Store store, ListMembership m) {
        List<MailingList> lists = new ArrayList<>(store.lists().publicLists());
        if (lists.stream().noneMatch(l -> l.id() == m.list().id())) {
            lists.add(0, m.list());
        }
        return lists;
    }

    private static Map<Long, Optional<SubscriptionStatus>> states(ListMembership m) {
        Map<Long, Optional<SubscriptionStatus>> states = new HashMap<>();
        m.others().forEach(o -> states.put(o.list().id(), Optional.of(o.status())));
        states.put(m.list().id(), m.status());
        return states;
    }

    private Response page(int status, Store store, ListMembership m, boolean saved, String error, List<String> toConfirm) {
        Map<Long, Optional<SubscriptionStatus>> states = states(m);
        List<Choice> choices = shown(store, m).stream().map(list -> {
            Optional<SubscriptionStatus> state = states.getOrDefault(list.id(), Optional.empty());
            String word = state.map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("none");
            return new Choice(list.slug(), list.name(), list.description(), word,
                    state.filter(s -> s != SubscriptionStatus.UNSUBSCRIBED).isPresent());
        }).toList();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("address", AddressMask.mask(m.email()));
        values.put("name", store.selfService().name(m.subscriberId()));
        values.put("maxName", PersonName.MAX_FORM_LENGTH);
        values.put("lists", choices);
        values.put("saved", saved);
        values.put("error", error);
        values.put("toConfirm", toConfirm.stream().collect(Collectors.joining(", ")));
        return pages.page(status, "preferences", pages.languageOf(m.list()), values);
    }

    private Response testCopyOrNotFound(Request request) {
        if (tokens.verify(SubscriberTokens.Purpose.TEST, request.pathParameter(0)).isPresent()) {
            return pages.page(200, "test-copy", pages.language(request), Map.of());
        }
        return errors.notFound();
    }
}
