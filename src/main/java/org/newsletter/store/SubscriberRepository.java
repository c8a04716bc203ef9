package org.newsletter.store;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
import org.newsletter.model.Subscriber;
import org.newsletter.model.SubscriberDetails;
import org.newsletter.model.Subscription;
import org.newsletter.model.SubscriptionChange;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.model.UserInputException;
import org.newsletter.model.WithdrawnConsent;
import org.newsletter.store.internal.DetailsJson;
import org.newsletter.store.internal.Dialect;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;

/**
 * One person at a time: add, change, look up, remove. Every change is one transaction, and a
 * suppressed address, or one that left the list (on file, or as the marker a removal leaves), is never
 * (re)subscribed from here.
 */
public final class SubscriberRepository {

    private final Handle handle;
    private final Sql sql;
    private final Clock clock;
    private final SuppressionRepository suppressions;
    private final WithdrawnConsents withdrawn;
    private final SubscriptionStates states;
    private final Dialect dialect;
    private final DetailsJson json = new DetailsJson();

    SubscriberRepository(Handle handle, Sql sql, Dialect dialect, Clock clock, SuppressionRepository suppressions, WithdrawnConsents withdrawn) {
        this.withdrawn = withdrawn;
        this.handle = handle;
        this.dialect = dialect;
        this.states = new SubscriptionStates(handle, sql);
        this.sql = sql;
        this.clock = clock;
        this.suppressions = suppressions;
    }

    /** As {@link #add(NewSubscriber, MailingList, String, boolean)}, keeping the details of someone already on file. */
    public AddOutcome add(NewSubscriber person, MailingList list, String how) {
        return add(person, list, how, false).outcome();
    }

    /**
     * Subscribes a person to {@code list}, creating them when new; {@code how} is recorded in their
     * history. Someone already on file keeps their name, tags and attributes unless {@code update}
     * (then the name is replaced, tags added and attributes set), the rule an import follows. A
     * suppressed address is refused, and so is one that left the list, whether the person is still
     * on file or only the marker of it is ({@link WithdrawnConsents}).
     */
    public AddResult add(NewSubscriber person, MailingList list, String how, boolean update) {
        return handle.inTransaction(h -> {
            suppressions.find(person.email()).ifPresent(s -> {
                throw new UserInputException(person.email() + " is suppressed (" + s.reason().word() + " on "
                        + s.at().toString().substring(0, 10) + "): it is never mailed or subscribed again");
            });
            Optional<Subscriber> existing = find(person.email());
            Optional<Subscription> current = existing.flatMap(s -> states.current(s.id(), list));
            Optional<WithdrawnConsent> left = current.filter(c -> c.status() == SubscriptionStatus.UNSUBSCRIBED)
                    .map(c -> new WithdrawnConsent(list.slug(), c.how(), c.changedAt(), false))
                    .or(() -> withdrawn.find(person.email(), list));
            if (left.isPresent()) {
                throw new UserInputException(existing.map(Subscriber::email).orElse(person.email().toString()) + " " + left.get().reason()
                        + "; only they can subscribe again (through the subscribe form)");
            }
            long now = clock.millis();
            if (existing.isEmpty()) {
                long id = insert(person.email(), person.name(), person.tags(), person.attributes(), person.consentSource(),
                        Rows.millis(person.consentAt() == null ? clock.instant() : person.consentAt()), now);
                setStatus(id, list, SubscriptionStatus.SUBSCRIBED, how, now);
                return new AddResult(AddOutcome.ADDED, find(person.email()).orElseThrow(), new AddResult.Differences(null, Set.of(), Map.of()), false);
            }
            Subscriber subscriber = existing.get();
            AddResult.Differences differences = differences(subscriber, person);
            if (update && !differences.isEmpty()) {
                if (differences.name() != null) {
                    h.createUpdate(sql.get("subscriber-update")).bind("name", differences.name()).bind("now", now).bind("id", subscriber.id()).execute();
                }
                addDetails(subscriber, differences.tags(), differences.attributes());
            }
            AddOutcome outcome = AddOutcome.ALREADY_SUBSCRIBED;
            if (current.filter(c -> c.status() == SubscriptionStatus.SUBSCRIBED).isEmpty()) {
                setStatus(subscriber.id(), list, SubscriptionStatus.SUBSCRIBED, how, now);
                outcome = AddOutcome.SUBSCRIBED;
            }
            return new AddResult(outcome, find(person.email()).orElseThrow(), differences, update);
        });
    }

    /** What {@code person} brings that {@code subscriber}'s record does not have. */
    private static AddResult.Differences differences(Subscriber subscriber, NewSubscriber person) {
        String name = !person.name().isEmpty() && !person.name().equals(subscriber.name()) ? person.name() : null;
        Set<String> tags = new TreeSet<>(person.tags());
        tags.removeAll(subscriber.tags());
        Map<String, String> attributes = new TreeMap<>(person.attributes());
        attributes.entrySet().removeIf(e -> e.getValue().equals(subscriber.attributes().get(e.getKey())));
        return new AddResult.Differences(name, tags, attributes);
    }

    /** Marks the person unsubscribed from {@code list}; false when they were not subscribed to it. */
    public boolean unsubscribe(EmailAddress email, MailingList list, String how) {
        return handle.inTransaction(h -> {
            Subscriber subscriber = require(email);
            Optional<SubscriptionStatus> status = status(subscriber.id(), list);
            if (status.isEmpty() || status.get() == SubscriptionStatus.UNSUBSCRIBED) {
                return false;
            }
            setStatus(subscriber.id(), list, SubscriptionStatus.UNSUBSCRIBED, how, clock.millis());
            return true;
        });
    }

    /**
     * Deletes the person and everything about them but that they left the lists they left: that stays
     * as a marker keyed by a hash of the address ({@link WithdrawnConsents}), as a suppression of the
     * address does, without the readable address. False when there was nobody.
     */
    public boolean remove(EmailAddress email) {
        return handle.inTransaction(h -> find(email)
                .map(s -> {
                    withdrawn.keep(s.id(), email);
                    suppressions.forgetAddress(email);
                    return h.createUpdate(sql.get("subscriber-delete")).bind("id", s.id()).execute() > 0;
                })
                .orElse(false));
    }

    public void tag(EmailAddress email, Collection<String> tags) {
        handle.useTransaction(h -> {
            Subscriber subscriber = require(email);
            h.createUpdate(sql.get("subscriber-details-add", dialect)).bind("id", subscriber.id())
                    .bind("tags", json.tags(tags)).bind("attributes", "{}").bind("now", clock.millis()).execute();
        });
    }

    /** Removes those of {@code tags} the person has; returns the others, which they did not have. */
    public Set<String> untag(EmailAddress email, Collection<String> tags) {
        return handle.inTransaction(h -> {
            Subscriber subscriber = require(email);
            Set<String> absent = new TreeSet<>(tags);
            absent.removeAll(subscriber.tags());
            if (absent.size() < new TreeSet<>(tags).size()) {
                h.createUpdate(sql.get("subscriber-tags-remove", dialect)).bind("id", subscriber.id())
                        .bind("tags", json.tags(tags)).bind("now", clock.millis()).execute();
            }
            return absent;
        });
    }

    public Optional<Subscriber> find(EmailAddress email) {
        return handle.createQuery(sql.get("subscriber-by-key"))
                .bind("key", email.key())
                .map((rs, ctx) -> {
                    long id = rs.getLong("id");
                    return new Subscriber(id, rs.getString("email"), rs.getString("name"),
                            json.attributes(rs.getString("attributes")), json.tags(rs.getString("tags")),
                            rs.getString("consent_source"), Rows.instant(rs, "consent_at"),
                            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
                })
                .findOne();
    }

    public Subscriber require(EmailAddress email) {
        return find(email).orElseThrow(() -> new UserInputException("no subscriber " + email));
    }

    /** Everything held about the person, or empty; a suppression alone (e.g. after erasure) is reported too. */
    public Optional<SubscriberDetails> details(EmailAddress email) {
        Optional<Subscriber> subscriber = find(email);
        var suppression = suppressions.find(email);
        if (subscriber.isEmpty()) {
            return Optional.empty();
        }
        long id = subscriber.get().id();
        List<Subscription> subscriptions = handle.createQuery(sql.get("subscriptions-of")).bind("id", id)
                .map((rs, ctx) -> new Subscription(rs.getString("slug"), SubscriptionStatus.fromWord(rs.getString("status")),
                        rs.getString("how"), Rows.instant(rs, "changed_at")))
                .list();
        List<SubscriptionChange> history = handle.createQuery(sql.get("history-of")).bind("id", id)
                .map((rs, ctx) -> new SubscriptionChange(rs.getString("slug"), SubscriptionStatus.fromWord(rs.getString("status")),
                        rs.getString("how"), Rows.instant(rs, "at")))
                .list();
        return Optional.of(new SubscriberDetails(subscriber.get(), subscriptions, history, suppression));
    }

    private Optional<SubscriptionStatus> status(long subscriberId, MailingList list) {
        return states.status(subscriberId, list.id());
    }

    private void setStatus(long subscriberId, MailingList list, SubscriptionStatus status, String how, long now) {
        states.set(subscriberId, list.id(), status, how, now);
    }

    /** A new person with no subscriptions yet; {@code consentAt} null until they confirm. */
    long insert(EmailAddress email, String name, Collection<String> tags, Map<String, String> attributes, String consentSource, Long consentAt, long now) {
        return handle.createQuery(sql.get("subscriber-insert", dialect))
                .bind("email", email.toString()).bind("key", email.key()).bind("name", name)
                .bind("tags", json.tags(tags)).bind("attributes", json.attributes(attributes))
                .bind("consentSource", consentSource).bind("consentAt", consentAt).bind("now", now)
                .mapTo(Long.class).one();
    }

    /** Adds tags and sets attributes, writing only when something is new. */
    private void addDetails(Subscriber subscriber, Collection<String> tags, Map<String, String> attributes) {
        boolean newTags = !subscriber.tags().containsAll(tags);
        boolean newAttributes = attributes.entrySet().stream().anyMatch(e -> !e.getValue().equals(subscriber.attributes().get(e.getKey())));
        if (newTags || newAttributes) {
            handle.createUpdate(sql.get("subscriber-details-add", dialect)).bind("id", subscriber.id())
                    .bind("tags", json.tags(tags)).bind("attributes", json.attributes(attributes)).bind("now", clock.millis()).execute();
        }
    }

}
