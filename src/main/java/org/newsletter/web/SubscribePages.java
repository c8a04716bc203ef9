package org.newsletter.web;

import static org.newsletter.render.HtmlEscape.escape;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.model.ListMembership;
import org.newsletter.model.MailingList;
import org.newsletter.store.SelfService;
import org.newsletter.store.StorePool;

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
    private static final int MAX_NAME = 100;

    private final StorePool stores;
    private final SubscriberTokens tokens;
    private final PageLayout layout;
    private final ErrorPages errors;
    private final ConfirmationMailer mailer;
    private final java.net.URI baseUrl;
    private final Clock clock;
    private final SlidingWindowLimit perClient;
    private final SlidingWindowLimit perAddress;
    private final RequestLog log;
    private final ReaderMessages words = ReaderMessages.english();

    SubscribePages(StorePool stores, SubscriberTokens tokens, PageLayout layout, ErrorPages errors, ConfirmationMailer mailer,
            java.net.URI baseUrl, Clock clock, RequestLog log) {
        this.stores = stores;
        this.tokens = tokens;
        this.layout = layout;
        this.errors = errors;
        this.mailer = mailer;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.log = log;
        this.perClient = new SlidingWindowLimit(10, Duration.ofMinutes(10), 100_000, clock);
        this.perAddress = new SlidingWindowLimit(3, Duration.ofHours(1), 100_000, clock);
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
        return Response.html(200, formPage(publicLists(), "", "", chosen.isEmpty() ? List.of() : List.of(chosen), null));
    }

    private Response submit(Request request) throws IOException {
        Map<String, List<String>> fields = request.formValues();
        if (!first(fields, HONEYPOT).isEmpty()) {
            log.log("subscribe: hidden field filled in, treated as a bot");
            return checkInbox();
        }
        if (!perClient.tryAcquire(ClientAddress.of(request))) {
            return errors.page(429, "Too many requests from your connection. Please wait a few minutes and try again.");
        }
        // Private lists are not offered, and a request naming one is treated like one for a list that does not exist.
        List<MailingList> all = publicLists();
        String emailText = first(fields, "email").strip();
        String name = first(fields, "name").strip();
        List<String> wanted = fields.getOrDefault("list", all.size() == 1 ? List.of(all.get(0).slug()) : List.of());
        EmailAddress email;
        try {
            email = EmailAddress.parse(emailText);
        } catch (InvalidAddressException e) {
            return Response.html(400, formPage(all, emailText, name, wanted, "That email address does not look right: " + e.getMessage() + "."));
        }
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            return Response.html(400, formPage(all, emailText, "", wanted, "Please give a name of at most " + MAX_NAME + " characters."));
        }
        List<MailingList> chosen = all.stream().filter(l -> wanted.contains(l.slug())).toList();
        if (chosen.isEmpty()) {
            return Response.html(400, formPage(all, emailText, name, wanted, "Please choose at least one list."));
        }
        if (!perAddress.tryAcquire(email.key())) {
            return errors.page(429, "We have had several requests for this address recently. Please check your inbox, or try again in an hour.");
        }
        // Everything that depends on the address's state (the store's answer, a token, an email) happens on
        // the mailer's thread after the answer has gone: doing it here made subscribed and suppressed
        // addresses answer measurably faster than new ones. Queued for every address alike.
        if (!mailer.submit(() -> record(email, name, chosen))) {
            return cannotMail();
        }
        // The answer depends on the lists chosen, never on the address's state: no enumeration.
        if (chosen.stream().allMatch(MailingList::doubleOptIn)) {
            return checkInbox();
        }
        return Response.html(200, layout.page(ReaderWords.REQUEST_RECEIVED_TITLE, ReaderWords.requestReceived(
                chosen.stream().map(MailingList::name).toList(), CONFIRMATION_VALIDITY.toDays())));
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
        return links.isEmpty() ? Optional.empty() : Optional.of(new ConfirmationRequest(email, links));
    }

    private Response cannotMail() {
        return errors.page(503, "We cannot send confirmation emails right now. Please try again in a few minutes.");
    }

    private java.net.URI confirmationUrl(long subscriberId, long listId) {
        Instant expires = clock.instant().plus(CONFIRMATION_VALIDITY);
        return baseUrl.resolve("confirm/" + tokens.expiringToken(SubscriberTokens.Purpose.CONFIRM, subscriberId, listId, expires));
    }

    private Response checkInbox() {
        return Response.html(200, layout.page("Check your inbox",
                "<p>Thank you. If the address can receive mail, a message is on its way; follow the link in it to confirm. "
                        + "It works for " + CONFIRMATION_VALIDITY.toDays() + " days.</p>"
                        + "<p class=\"note\">Nothing arrived? Look in the spam folder, or send the form again in a while.</p>"));
    }

    private Response showConfirm(Request request) {
        return withConfirmation(request, (ids, m) -> {
            if (m.subscribed()) {
                return Response.html(200, layout.page("Already subscribed",
                        "<p>" + escape(AddressMask.mask(m.email())) + " already gets <strong>" + escape(m.list().name()) + "</strong>.</p>"));
            }
            return Response.html(200, layout.page("Confirm your subscription",
                    "<p>Subscribe " + escape(AddressMask.mask(m.email())) + " to <strong>" + escape(m.list().name()) + "</strong>?</p>"
                            + "<form method=\"post\"><button type=\"submit\">Yes, subscribe me</button></form>"));
        });
    }

    private Response confirm(Request request) {
        return withConfirmation(request, (ids, m) -> {
            SelfService.Confirmation outcome = stores.writing(store -> store.selfService().confirm(ids.first(), ids.second(), "confirmed by email"));
            return switch (outcome) {
                case NOT_LEFT -> throw new IllegalStateException("a confirmation link subscribes whether or not the person left the list");
                case SUBSCRIBED, ALREADY_SUBSCRIBED -> Response.html(200, layout.page("You are subscribed",
                        "<p>" + escape(AddressMask.mask(m.email())) + " will get <strong>" + escape(m.list().name()) + "</strong>. Thank you.</p>"));
                case SUPPRESSED -> Response.html(200, layout.page("Cannot subscribe this address",
                        "<p>We no longer send to " + escape(AddressMask.mask(m.email()))
                                + " (it bounced, or asked never to be mailed again). Write to us if that should change.</p>"));
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
            return Response.html(410, layout.page("This link has expired",
                    "<p>Confirmation links work for " + CONFIRMATION_VALIDITY.toDays() + " days. "
                            + "<a href=\"../subscribe\">Subscribe again</a> to get a new one.</p>"));
        }
        SubscriberTokens.Ids ids = token.get().ids();
        Optional<ListMembership> membership = stores.with(store -> store.selfService().membership(ids.first(), ids.second()));
        return membership.map(m -> page.render(ids, m)).orElseGet(errors::notFound);
    }

    /** The lists offered to the public: never a private one. */
    private List<MailingList> publicLists() {
        return stores.with(store -> store.lists().publicLists());
    }

    private String formPage(List<MailingList> lists, String email, String name, List<String> chosen, String error) {
        if (lists.isEmpty()) {
            return layout.page("Subscribe", "<p>There are no lists to subscribe to yet.</p>");
        }
        StringBuilder html = new StringBuilder();
        if (error != null) {
            html.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"subscribe\">")
                .append("<label for=\"email\">Email address</label>")
                .append("<input type=\"email\" id=\"email\" name=\"email\" required autocomplete=\"email\" value=\"").append(escape(email)).append("\">")
                .append("<label for=\"name\">Name <span class=\"note\">(optional)</span></label>")
                .append("<input type=\"text\" id=\"name\" name=\"name\" maxlength=\"").append(MAX_NAME).append("\" autocomplete=\"name\" value=\"")
                .append(escape(name)).append("\">");
        // What happens after "Subscribe" depends on each list's setting; a form offering both kinds says which is which.
        boolean confirmed = lists.stream().allMatch(MailingList::doubleOptIn);
        boolean atOnce = lists.stream().noneMatch(MailingList::doubleOptIn);
        html.append("<fieldset class=\"lists\"><legend>Lists</legend>");
        for (MailingList list : lists) {
            boolean checked = chosen.contains(list.slug()) || lists.size() == 1;
            html.append("<label><input type=\"checkbox\" name=\"list\" value=\"").append(escape(list.slug())).append("\"")
                    .append(checked ? " checked" : "").append("> <span><strong>").append(escape(list.name())).append("</strong>")
                    .append(list.description().isBlank() ? "" : " – " + escape(list.description()));
            if (!confirmed && !atOnce) {
                html.append(" <span class=\"note\">(")
                        .append(escape(words.text(list.doubleOptIn() ? "subscribe.list.confirm" : "subscribe.list.atOnce"))).append(")</span>");
            }
            html.append("</span></label>");
        }
        html.append("</fieldset>")
                .append("<div class=\"hp\" aria-hidden=\"true\"><label for=\"").append(HONEYPOT).append("\">Leave this empty</label>")
                .append("<input type=\"text\" id=\"").append(HONEYPOT).append("\" name=\"").append(HONEYPOT)
                .append("\" tabindex=\"-1\" autocomplete=\"off\"></div>")
                .append("<p><button type=\"submit\">Subscribe</button></p>")
                .append("<p class=\"note\">")
                .append(escape(words.text(confirmed ? "subscribe.promise.confirm" : atOnce ? "subscribe.promise.atOnce" : "subscribe.promise.mixed")))
                .append("</p>")
                .append("</form>");
        return layout.page("Subscribe", html.toString());
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
