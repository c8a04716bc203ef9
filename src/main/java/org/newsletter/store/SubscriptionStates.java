package org.newsletter.store;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.MailingList;
import org.newsletter.model.Subscription;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;

/**
 * Reads and changes one person's status on one list. The subscription row is the state it is in;
 * each change first copies the state it leaves into the log, so the history is complete while a new
 * subscription (the common case, a million times in an import) costs one row.
 */
final class SubscriptionStates {

    private final Handle handle;
    private final Sql sql;

    SubscriptionStates(Handle handle, Sql sql) {
        this.handle = handle;
        this.sql = sql;
    }

    Optional<SubscriptionStatus> status(long subscriberId, long listId) {
        return handle.createQuery(sql.get("subscription-status")).bind("id", subscriberId).bind("listId", listId)
                .mapTo(String.class).findOne().map(SubscriptionStatus::fromWord);
    }

    /** The person's subscription to {@code list}, with how and when it came to be what it is. */
    Optional<Subscription> current(long subscriberId, MailingList list) {
        return handle.createQuery(sql.get("subscription-current")).bind("id", subscriberId).bind("listId", list.id())
                .map((rs, ctx) -> new Subscription(list.slug(), SubscriptionStatus.fromWord(rs.getString("status")), rs.getString("how"),
                        Rows.instant(rs, "changed_at")))
                .findOne();
    }

    void set(long subscriberId, long listId, SubscriptionStatus status, String how, long now) {
        handle.createUpdate(sql.get("subscription-event-insert")).bind("id", subscriberId).bind("listId", listId).execute();
        handle.createUpdate(sql.get("subscription-upsert")).bind("id", subscriberId).bind("listId", listId)
                .bind("status", status.word()).bind("how", how).bind("now", now).execute();
    }
}
