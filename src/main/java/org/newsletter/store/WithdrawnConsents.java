package org.newsletter.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
import org.newsletter.model.WithdrawnConsent;
import org.newsletter.store.internal.EmailHash;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;

/**
 * The lists a removed or erased person had left, kept by a hash of the address (as suppressions
 * are) so that withdrawn consent outlives the record: {@code add} and {@code import} refuse the
 * address on those lists, and only the person's own confirmed request through the subscribe form
 * lifts the marker for a list. The import asks in bulk ({@code store.imports.ImportLookups}).
 */
public final class WithdrawnConsents {

    private final Handle handle;
    private final Sql sql;

    WithdrawnConsents(Handle handle, Sql sql) {
        this.handle = handle;
        this.sql = sql;
    }

    /** Keeps a marker for every list the person {@code subscriberId} left; called just before they are deleted. */
    void keep(long subscriberId, EmailAddress email) {
        handle.createUpdate(sql.get("withdrawn-consent-keep")).bind("hash", EmailHash.of(email.key())).bind("id", subscriberId).execute();
    }

    /** The marker for this address on this list, if it left the list before being removed. */
    public Optional<WithdrawnConsent> find(EmailAddress email, MailingList list) {
        return find(email, list.id());
    }

    Optional<WithdrawnConsent> find(EmailAddress email, long listId) {
        return handle.createQuery(sql.get("withdrawn-consent-on-list")).bind("listId", listId).bind("hash", EmailHash.of(email.key()))
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** Every list this address left before being removed, by slug. */
    public List<WithdrawnConsent> of(EmailAddress email) {
        return handle.createQuery(sql.get("withdrawn-consent-of")).bind("hash", EmailHash.of(email.key())).map((rs, ctx) -> map(rs)).list();
    }

    /** The person came back to the list themselves (a confirmed request): the marker has done its work. */
    void forget(EmailAddress email, long listId) {
        handle.createUpdate(sql.get("withdrawn-consent-forget")).bind("listId", listId).bind("hash", EmailHash.of(email.key())).execute();
    }

    private static WithdrawnConsent map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new WithdrawnConsent(rs.getString("slug"), rs.getString("how"), Rows.instant(rs, "at"), true);
    }
}
