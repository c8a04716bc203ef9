package org.newsletter.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.model.ListMembership;
import org.newsletter.model.MailingList;
import org.newsletter.render.MessageBundle;
import org.newsletter.store.SelfService;
import org.newsletter.store.StorePool;
import org.newsletter.model.PersonName;

/**
 * The subscribe form and its confirmation (double opt-in). The answer to a request is the same
 * whatever the address's state (new, pending, subscribed, unsubscribed, removed, suppressed), so the
 * form cannot be used to find out who is on a list. Only public lists are offered. An address that
 * left a list comes back only by confirming through the emailed link, whatever the list's setting. Limits per client and per address stop it being used to flood a
 * stranger's inbox; a hidden "website" field that people never see catches most bots.
 */
final class SubscribePages {

    /** How long a confirmation link works. */
    static final Duration CONFIRMATION_VALIDITY = Duration.ofDays(7);
    static final String HONEYPOT = "website";

    private final StorePool stores;
    private final SubscriberTokens tokens;
    private final ReaderPages pages;
    private final ErrorPages errors;
    private final ConfirmationMailer mailer;
    private final java.net.URI baseUrl;
    private final Clock clock;
    private final ConfirmationLimits limits;
    private final RequestLog log;

    SubscribePages(StorePool stores, SubscriberTokens tokens, ReaderPages pages, ErrorPages errors, ConfirmationMailer mailer,
            java.net.URI baseUrl, Clock clock, ConfirmationLimits limits, RequestLog log) {
        this.stores = stores;
        this.tokens = tokens;
        this.pages = pages;
        this.errors = errors;
        this.mailer = mailer;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.log = log;
        this.limits = limits;
    }

    Routes routes() {
        return new Routes()
                .add(Route.get("/subscribe", this::form))
                .add(Route.post("/subscribe", this::submit))
                .add(Route.get("/confirm/" + UnsubscribePages.TOKEN, this::showConfirm))
                .add(Route.post("/confirm/" + UnsubscribePages.TOKEN, this::confirm));
    }

    private Response form(Request request) {
        String chosen = request.query().getOrDefault("list", "");
        return formPage(200, pages.language(request), publicLists(), "", "", chosen.isEmpty() ? List.of() : List.of(chosen), null);
    }

    private Response submit(Request request) throws IOException {
        Map<String, List<String>> fields = request.formValues();
        if (!first(fields, HONEYPOT).isEmpty()) {
            log.log("subscribe: hidden field filled in, treated as a bot");
            return checkInbox(pages.language(request));
        }
        if (!limits.client(ClientAddress.of(request))) {
            return errors.page(429, "error.tooManyFromClient");
        }
        // Private lists are not offered, and a request naming one is treated like one for a list that does not exist.
        List<MailingList> all = publicLists();
        String emailText = first(fields, "email").strip();
        String name = first(fields, "name").strip();
        List<String> wanted = fields.getOrDefault("list", all.size() == 1 ? List.of(all.get(0).slug()) : List.of());
        Locale language = pages.language(request);
        EmailAddress email;
        try {
            email = EmailAddress.parse(emailText);
        } catch (InvalidAddressException e) {
            // The reason in the reader's language: the exception's own wording is English, for staff.
            MessageBundle words = pages.words(language);
            String reason = words.text(e.problem().key(), e.values().toArray());
            return formPage(400, language, all, emailText, name, wanted, words.text("subscribe.error.address", reason));
        }
        if (!PersonName.acceptableFromForm(name)) {
            return formPage(400, language, all, emailText, "", wanted, pages.words(language).text("subscribe.error.name", PersonName.MAX_FORM_LENGTH));
        }
        List<MailingList> chosen = all.stream().filter(l -> wanted.contains(l.slug())).toList();
        if (chosen.isEmpty()) {
            return formPage(400, language, all, emailText, name, wanted, pages.words(language).text("subscribe.error.noList"));
        }
        if (!limits.address(email.key())) {
            return errors.page(429, "error.tooManyForAddress");
        }
        // Everything that depends on the address's state (the store's answer, a token, an email) happens on
        // the mailer's thread after the answer has gone: doing it here made subscribed and suppressed
        // addresses answer measurably faster than new ones. Queued for every address alike.
        if (!mailer.submit(() -> record(email, name, chosen))) {
            return cannotMail();
        }
        // The answer depends on the lists chosen, never on the address's state: no enumeration.
        if (chosen.stream().allMatch(MailingList::doubleOptIn)) {
            return checkInbox(language);
        }
        return pages.page(200, "request-received", language, Map.of("lists", String.join(", ", chosen.stream().map(MailingList::name).toList()),
                "days", CONFIRMATION_VALIDITY.toDays()));
    }

    /** Records the request on each list; the confirmation to send, when any list needs one. */
    private Optional<ConfirmationRequest> record(EmailAddress email, String name, List<MailingList> chosen) {
        List<ConfirmationRequest.Link> links = stores.writing(store -> {
            List<ConfirmationRequest.Link> pending = new ArrayList<>();
            for (MailingList list : chosen) {
                SelfService.Requested outcome = store.selfService().request(email, name, list, "subscribe form");
                if (outcome.outcome() == SelfService.Request.PENDING) {
                    pending.add(new ConfirmationRequest.Link(list, confirmationUrl(outcome.subscriberId(), list.id())));
                }
            }
            return pending;
        });
        return links.isEmpty() ? Optional.empty() : Optional.of(new ConfirmationRequest(email, links, language(links.get(0).list())));
    }

    private Response cannotMail() {
        return errors.page(503, "error.cannotMail");
    }

    java.net.URI confirmationUrl(long subscriberId, long listId) {
        Instant expires = clock.instant().plus(CONFIRMATION_VALIDITY);
        return baseUrl.resolve("confirm/" + tokens.expiringToken(SubscriberTokens.Purpose.CONFIRM, subscriberId, listId, expires));
    }

    private Response checkInbox(Locale language) {
        return pages.page(200, "check-inbox", language, Map.of("days", CONFIRMATION_VALIDITY.toDays()));
    }

    private Response showConfirm(Request request) {
        return withConfirmation(request, (ids, m) -> {
            return pages.page(200, "confirm", language(m), Map.of("already", m.subscribed(), "address", AddressMask.mask(m.email()),
                    "list", m.list().name()));
        });
    }

    private Response confirm(Request request) {
        return withConfirmation(request, (ids, m) -> {
            SelfService.Confirmation outcome = stores.writing(store -> store.selfService().confirm(ids.first(), ids.second(), "confirmed by email"));
            return switch (outcome) {
                case NOT_LEFT -> throw new IllegalStateException("a confirmation link subscribes whether or not the person left the list");
                case SUBSCRIBED, ALREADY_SUBSCRIBED -> pages.page(200, "subscribed", language(m), Map.of("again", false,
                        "address", AddressMask.mask(m.email()), "list", m.list().name()));
                case SUPPRESSED -> pages.page(200, "suppressed", language(m), Map.of("address", AddressMask.mask(m.email())));
                case GONE -> errors.notFound();
            };
        });
    }

    private interface ConfirmationPage {
        Response render(SubscriberTokens.Ids ids, ListMembership membership);
    }

    /** Checks the token: forged or foreign is a 404; genuine but old says so and points back to the form. */
    private Response withConfirmation(Request request, ConfirmationPage page) {
        Optional<SubscriberTokens.Expiring> token = tokens.verifyExpiring(SubscriberTokens.Purpose.CONFIRM, request.pathParameter(0));
        if (token.isEmpty()) {
            return errors.notFound();
        }
        if (token.get().expiredAt(clock.instant())) {
            return pages.page(410, "expired", pages.language(request), Map.of("days", CONFIRMATION_VALIDITY.toDays()));
        }
        SubscriberTokens.Ids ids = token.get().ids();
        Optional<ListMembership> membership = stores.with(store -> store.selfService().membership(ids.first(), ids.second()));
        return membership.map(m -> page.render(ids, m)).orElseGet(errors::notFound);
    }

    /** The lists offered to the public: never a private one. */
    private List<MailingList> publicLists() {
        return stores.with(store -> store.lists().publicLists());
    }

    /** One list on the form. Public because FreeMarker reads it by reflection. */
    public record FormList(String slug, String name, String description, boolean doubleOptIn, boolean checked) {
    }

    private Response formPage(int status, Locale language, List<MailingList> lists, String email, String name, List<String> chosen, String error) {
        // What happens after "Subscribe" depends on each list's setting; a form offering both kinds says which is which.
        boolean confirmed = lists.stream().allMatch(MailingList::doubleOptIn);
        boolean atOnce = lists.stream().noneMatch(MailingList::doubleOptIn);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("lists", lists.stream().map(l -> new FormList(l.slug(), l.name(), l.description(), l.doubleOptIn(),
                chosen.contains(l.slug()) || lists.size() == 1)).toList());
        values.put("email", email);
        values.put("name", name);
        values.put("maxName", PersonName.MAX_FORM_LENGTH);
        values.put("error", error == null ? "" : error);
        values.put("mixed", !confirmed && !atOnce);
        values.put("promise", confirmed ? "subscribe.promise.confirm" : atOnce ? "subscribe.promise.atOnce" : "subscribe.promise.mixed");
        return pages.page(status, "subscribe", language, values);
    }

    /** The pages about one list speak its language. */
    private Locale language(ListMembership m) {
        return language(m.list());
    }

    private Locale language(MailingList list) {
        return pages.languageOf(list);
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
