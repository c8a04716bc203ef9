package org.newsletter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.newsletter.model.Subscriber;
import org.newsletter.store.internal.DetailsJson;
import org.newsletter.store.internal.Dialect;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;
import org.newsletter.store.segment.SegmentSql;
import org.newsletter.store.segment.SqlCondition;

/**
 * Streams subscribers in address order, tags and attributes included (they are columns of the row), so listing or
 * exporting a million people holds one row at a time.
 */
public final class SubscriberListing {

    /** Rows fetched per round trip (PostgreSQL only streams with a fetch size inside a transaction). */
    private static final int FETCH = 1_000;

    private final Handle handle;
    private final Sql sql;
    private final Dialect dialect;
    private final DetailsJson json = new DetailsJson();

    SubscriberListing(Handle handle, Sql sql, Dialect dialect) {
        this.handle = handle;
        this.sql = sql;
        this.dialect = dialect;
    }

    public void forEach(SubscriberQuery query, Consumer<SubscriberRow> consumer) {
        List<Object> parameters = new ArrayList<>();
        String join = "";
        String status = sql.get("subscriber-statuses." + dialect.name().toLowerCase(java.util.Locale.ROOT));
        List<String> conditions = new ArrayList<>();
        conditions.add("1 = 1");
        if (query.list() != null) {
            join = "JOIN subscription sub ON sub.subscriber_id = s.id AND sub.list_id = ?";
            parameters.add(query.list().id());
            status = "sub.status";
            if (query.status() != null) {
                conditions.add("sub.status = ?");
            }
        } else if (query.status() != null) {
            conditions.add("EXISTS (SELECT 1 FROM subscription st WHERE st.subscriber_id = s.id AND st.status = ?)");
        }
        if (query.status() != null) {
            parameters.add(query.status().word());
        }
        if (query.segment() != null) {
            SqlCondition condition = SegmentSql.toSql(query.segment(), "s", query.list() == null ? null : query.list().id(), dialect.json());
            conditions.add("(" + condition.sql() + ")");
            parameters.addAll(condition.parameters());
        }
        String statement = sql.get("subscriber-list." + dialect.name().toLowerCase(java.util.Locale.ROOT))
                .replace("${status}", status)
                .replace("${join}", join)
                .replace("${where}", String.join(" AND ", conditions));
        if (dialect == Dialect.POSTGRESQL) {
            // PostgreSQL only honours the fetch size (a cursor) inside a transaction.
            handle.useTransaction(h -> stream(statement, parameters, consumer));
        } else {
            // An SQLite transaction would take the write lock (BEGIN IMMEDIATE) for the whole listing.
            stream(statement, parameters, consumer);
        }
    }

    /**
     * The people a campaign has still to send to (queued or in flight), in address order, each with
     * their delivery state: who a resumed send would mail.
     */
    public void forEachStillToSend(long campaignId, Consumer<SubscriberRow> consumer) {
        String statement = sql.get("subscriber-list." + dialect.name().toLowerCase(java.util.Locale.ROOT))
                .replace("${status}", "d.state")
                .replace("${join}", "JOIN delivery d ON d.subscriber_id = s.id AND d.campaign_id = ? AND d.state IN ('queued', 'sending')")
                .replace("${where}", "1 = 1");
        if (dialect == Dialect.POSTGRESQL) {
            handle.useTransaction(h -> stream(statement, List.of(campaignId), consumer));
        } else {
            stream(statement, List.of(campaignId), consumer);
        }
    }

    private void stream(String statement, List<Object> parameters, Consumer<SubscriberRow> consumer) {
        {
            Query select = handle.createQuery(statement).setFetchSize(FETCH);
            for (int i = 0; i < parameters.size(); i++) {
                select.bind(i, parameters.get(i));
            }
            try (Stream<SubscriberRow> rows = select.map((rs, ctx) -> new SubscriberRow(new Subscriber(
                    rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                    json.attributes(rs.getString("attributes")), json.tags(rs.getString("tags")),
                    rs.getString("consent_source"), Rows.instant(rs, "consent_at"),
                    Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at")),
                    rs.getString("status") == null ? "" : rs.getString("status"))).stream()) {
                rows.forEach(consumer);
            }
        }
    }
}
