package org.newsletter.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.ListMembership;
import org.newsletter.model.MailingList;
import org.newsletter.model.Subscriber;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.internal.Sql;

/**
 * What people do to their own subscriptions on the web: through a signed link (look, unsubscribe,
 * resubscribe, confirm) or the subscribe form. The rules are the store's: a suppressed address is
 * never subscribed, and only the person undoes an unsubscribe: with their own unsubscribe link, or by
 * asking through the form and confirming by email (which also lifts the marker a removal left).
 */
public final class SelfService {

    /**
     * How a reader's own unsubscribes are recorded: with the message's link and the page's button,
     * and by a mail client's RFC 8058 one-click POST. Campaign reports count these (and
     * {@link BounceRepository#MAILED_UNSUBSCRIBE}) as the campaign's unsubscribes.
     */
    public static final String UNSUBSCRIBE_PAGE = "unsubscribe page";
    public static final String ONE_CLICK = "one-click (RFC 8058)";

    /** What a form request for one list came to. */
    public enum Request {
        /**
         * A confirmation is needed, because the list asks for one or because the address left the list
         * before (it is unsubscribed, or a marker says it left before being removed): nothing changes
         * until the emailed link is followed.
         */
        PENDING,
        /** The list does not ask for confirmation and the address never left it: subscribed now. */
        SUBSCRIBED,
        ALREADY_SUBSCRIBED,
        /** The address is on the suppression list: nothing changes and nothing is sent. */
        SUPPRESSED
    }

    /** What following a signed link to (re)subscribe came to. */
    public enum Confirmation {
        SUBSCRIBED,
        ALREADY_SUBSCRIBED,
        SUPPRESSED,
        /** "Subscribe again" on a list the person has not left (a pending request): only its confirmation link subscribes. */
        NOT_LEFT,
        /** The person or the list no longer exists (erased, removed). */
        GONE
    }

    /** The outcome of a form request, with the person's id for the confirmation link. */
    public record Requested(Request outcome, long subscriberId) {
    }

    private final Handle handle;
    private final Sql sql;
    private final Clock clock;
    private final SuppressionRepository suppressions;
    private final SubscriberRepository subscribers;
    private final SubscriptionStates states;

    private final WithdrawnConsents withdrawn;

    SelfService(Handle handle, Sql sql, Clock clock, SuppressionRepository suppressions, WithdrawnConsents withdrawn, SubscriberRepository subscribers) {
        this.withdrawn = withdrawn;
        this.handle = handle;
        this.sql = sql;
        this.clock = clock;
        this.suppressions = suppressions;
        this.subscribers = subscribers;
        this.states = new SubscriptionStates(handle, sql);
    }

    /** The person and list a link names, with their other lists; empty when either no longer exists. */
    public Optional<ListMembership> membership(long subscriberId, long listId) {
        Optional<Person> person = person(subscriberId);
        if (person.isEmpty()) {
            return Optional.empty();
        }
        MailingList named = null;
        Optional<SubscriptionStatus> status = Optional.empty();
        List<ListMembership.Other> others = new ArrayList<>();
        for (ListStatus row : handle.createQuery(sql.get("self-lists")).bind("id", subscriberId).bind("listId", listId)
                .map((rs, ctx) -> new ListStatus(ListRepository.mapList(rs),
                        Optional.ofNullable(rs.getString("status")).map(SubscriptionStatus::fromWord)))
                .list()) {
            if (row.list().id() == listId) {
                named = row.list();
                status = row.status();
            } else {
                row.status().ifPresent(s -> others.add(new ListMembership.Other(row.list(), s)));
            }
        }
        if (named == null) {
            return Optional.empty();
        }
        return Optional.of(new ListMembership(subscriberId, person.get().email(), named, status, others));
    }

    /**
     * Unsubscribes the person from the list. Idempotent: true only when this call changed something,
     * so repeating the click (or a mail client's one-click POST after the button) records one change.
     */
    public boolean unsubscribe(long subscriberId, long listId, String how) {
        return handle.inTransaction(h -> {
            Optional<SubscriptionStatus> status = states.status(subscriberId, listId);
            if (status.isEmpty() || status.get() == SubscriptionStatus.UNSUBSCRIBED) {
                return false;
            }
            states.set(subscriberId, listId, SubscriptionStatus.UNSUBSCRIBED, how, clock.millis());
            return true;
        });
    }

    /**
     * Subscribes the person named by the link in a confirmation email: confirming a request from the
     * form, including one to come back to a list they had left. A suppressed address stays out.
     */
    public Confirmation confirm(long subscriberId, long listId, String how) {
        return subscribe(subscriberId, listId, how, false);
    }

    /**
     * "Subscribe again" with the person's own unsubscribe link: only for a list they left. A pending
     * request is not confirmed this way (anyone holding a forwarded email has the link); it needs
     * the link that was emailed to the address.
     */
    public Confirmation resubscribe(long subscriberId, long listId, String how) {
        return subscribe(subscriberId, listId, how, true);
    }

    private Confirmation subscribe(long subscriberId, long listId, String how, boolean onlyIfLeft) {
        return handle.inTransaction(h -> {
            Optional<ListMembership> membership = membership(subscriberId, listId);
            if (membership.isEmpty()) {
                return Confirmation.GONE;
            }
            EmailAddress email = EmailAddress.parse(membership.get().email());
            if (suppressions.find(email).isPresent()) {
                return Confirmation.SUPPRESSED;
            }
            if (membership.get().subscribed()) {
                return Confirmation.ALREADY_SUBSCRIBED;
            }
            if (onlyIfLeft && membership.get().status().filter(st -> st == SubscriptionStatus.UNSUBSCRIBED).isEmpty()) {
                return Confirmation.NOT_LEFT;
            }
            long now = clock.millis();
            states.set(subscriberId, listId, SubscriptionStatus.SUBSCRIBED, how, now);
            // The person came back themselves: a marker of an earlier departure has done its work.
            withdrawn.forget(email, listId);
            // Someone who came through the form consents now, when they confirm; not when the form was sent.
            h.createUpdate(sql.get("self-consent-confirmed")).bind("id", subscriberId).bind("now", now).execute();
            welcome(subscriberId, listId, now);
            return Confirmation.SUBSCRIBED;
        });
    }

    /**
     * A request from the subscribe form. A new address is recorded with the form as its source and no
     * consent time until it is confirmed; an existing person's name is left alone (anyone can type
     * anyone's address into a form). Lists that ask for double opt-in get a pending subscription. An
     * address that left the list (unsubscribed, or removed since with a marker kept) needs the emailed
     * confirmation whatever the list's setting, and its unsubscribe stands until then: a stranger
     * must not be able to undo it.
     */
    public Requested request(EmailAddress email, String name, MailingList list, String how) {
        return handle.inTransaction(h -> {
            if (suppressions.find(email).isPresent()) {
                return new Requested(Request.SUPPRESSED, 0);
            }
            long now = clock.millis();
            Optional<Subscriber> existing = subscribers.find(email);
            long id = existing.isPresent() ? existing.get().id()
                    : subscribers.insert(email, name == null ? "" : name.strip(), Set.of(), Map.of(), how, null, now);
            Optional<SubscriptionStatus> status = states.status(id, list.id());
            if (status.filter(s -> s == SubscriptionStatus.SUBSCRIBED).isPresent()) {
                return new Requested(Request.ALREADY_SUBSCRIBED, id);
            }
            boolean left = status.filter(s -> s == SubscriptionStatus.UNSUBSCRIBED).isPresent() || withdrawn.find(email, list.id()).isPresent();
            if (left) {
                if (status.isEmpty()) {
                    states.set(id, list.id(), SubscriptionStatus.PENDING, how, now);
                }
                return new Requested(Request.PENDING, id);
            }
            if (list.doubleOptIn()) {
                states.set(id, list.id(), SubscriptionStatus.PENDING, how, now);
                return new Requested(Request.PENDING, id);
            }
            states.set(id, list.id(), SubscriptionStatus.SUBSCRIBED, how, now);
            h.createUpdate(sql.get("self-consent-confirmed")).bind("id", id).bind("now", now).execute();
            welcome(id, list.id(), now);
            return new Requested(Request.SUBSCRIBED, id);
        });
    }

    /**
     * Queues the list's welcome mail, if it has one, for someone who has just subscribed themselves (staff
     * adds and imports do not come here); the journal's one row per person and campaign means once ever.
     */
    private void welcome(long subscriberId, long listId, long now) {
        int queued = handle.createUpdate(sql.get("welcome-enqueue")).bind("subscriber", subscriberId).bind("list", listId).bind("now", now).execute();
        if (queued > 0) {
            handle.createUpdate(sql.get("welcome-reopen")).bind("list", listId).execute();
        }
    }

    /** The name the person goes by (empty when none), for their preference centre. */
    public String name(long subscriberId) {
        return handle.createQuery(sql.get("self-name")).bind("id", subscriberId).mapTo(String.class).findOne().orElse("");
    }

    /** The person changes their own name on their preference centre (a signed link: only they can). */
    public void rename(long subscriberId, String name) {
        handle.useTransaction(h -> h.createUpdate(sql.get("subscriber-update")).bind("name", name).bind("now", clock.millis())
                .bind("id", subscriberId).execute());
    }

    private Optional<Person> person(long subscriberId) {
        return handle.createQuery(sql.get("self-subscriber")).bind("id", subscriberId)
                .map((rs, ctx) -> new Person(rs.getLong("id"), rs.getString("email")))
                .findOne();
    }

    private record Person(long id, String email) {
    }

    private record ListStatus(MailingList list, Optional<SubscriptionStatus> status) {
    }
}
