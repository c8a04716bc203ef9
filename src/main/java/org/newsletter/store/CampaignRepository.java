package org.newsletter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.Campaign;
import org.newsletter.model.CampaignCounts;
import org.newsletter.model.DeliveryState;
import org.newsletter.store.internal.Dialect;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;
import org.newsletter.store.segment.SegmentSql;
import org.newsletter.store.segment.SqlCondition;

/**
 * Campaigns: starting one (which fixes its audience), finding it again to resume, and what happened.
 * The per-recipient journal itself is {@link DeliveryJournal}.
 */
public final class CampaignRepository {

    /** Failed or skipped deliveries grouped by what the server (or the sender) said. */
    public record ReplyGroup(DeliveryState state, String reply, long count) {
    }

    private final Handle handle;
    private final Sql sql;
    private final Dialect dialect;
    private final Clock clock;
    private final SuppressionRepository suppressions;

    CampaignRepository(Handle handle, Sql sql, Dialect dialect, Clock clock, SuppressionRepository suppressions) {
        this.handle = handle;
        this.dialect = dialect;
        this.sql = sql;
        this.clock = clock;
        this.suppressions = suppressions;
    }

    /** The campaign of this issue, list and segment, if one was started before. */
    public Optional<Campaign> find(String issue, long listId, String segment) {
        return handle.createQuery(sql.get("campaign-select") + " WHERE c.issue = :issue AND c.list_id = :list AND c.segment = :segment")
                .bind("issue", issue).bind("list", listId).bind("segment", segment == null ? "" : segment.strip())
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    public Optional<Campaign> find(long id) {
        return handle.createQuery(sql.get("campaign-select") + " WHERE c.id = :id").bind("id", id).map((rs, ctx) -> map(rs)).findOne();
    }

    public List<Campaign> all() {
        return handle.createQuery(sql.get("campaign-select") + " ORDER BY c.id DESC").map((rs, ctx) -> map(rs)).list();
    }

    /** An issue that went out to some list, and when its first campaign began. */
    /**
     * @param publicList whether any campaign of the issue went to a public list; an issue sent only to
     *                   private lists is not listed on public pages
     */
    public record SentIssue(String issue, java.time.Instant firstSent, boolean publicList) {
    }

    /**
     * Every issue a campaign was started for, in no particular order: what the public archive may
     * show. Test sends start no campaign, so a draft that was only test-sent is not here.
     */
    public List<SentIssue> sentIssues() {
        return handle.createQuery(sql.get("campaign-issues"))
                .map((rs, ctx) -> new SentIssue(rs.getString("issue"), Rows.instant(rs, "first_sent"), rs.getInt("public_list") == 1))
                .list();
    }

    /**
     * Creates the campaign and fixes its audience in one transaction: everyone subscribed to the list
     * (and in the segment) now gets a queued delivery row; people who join later are not included.
     */
    public Campaign start(CampaignDraft draft) {
        try {
            return startInTransaction(draft);
        } catch (SQLException | RuntimeException e) {
            if (StoreFailures.uniqueViolation(e)) {
                // Another send of the same issue, list and segment planned at the same moment and started first.
                throw new StoreException("a campaign for " + draft.issue() + " on " + draft.list().slug()
                        + " is already being started by another process; run send again to resume", e);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("cannot start the campaign: " + e.getMessage(), e);
        }
    }

    private Campaign startInTransaction(CampaignDraft draft) throws SQLException {
        return handle.inTransaction(h -> {
            long now = clock.millis();
            long id = insert(h, draft, now);
            insertAudience(h.getConnection(), id, draft, now);
            h.createUpdate(sql.get("campaign-audience-size")).bind("id", id).execute();
            return find(id).orElseThrow();
        });
    }

    /**
     * One delivery row per recipient, in subscriber order. The SQL orders by {@code u.subscriber_id}
     * rather than the equal {@code s.id} because SQLite reads the subscriptions from their
     * (list_id, status) index, which already holds them in subscriber order: ordering by the join's
     * other side made it sort the whole audience in a temporary B-tree instead, which with
     * temp_store = MEMORY cost about 32 MB of native memory for a million recipients, held by the
     * process for the rest of the campaign.
     */
    private void insertAudience(Connection connection, long campaignId, CampaignDraft draft, long now) throws SQLException {
        SqlCondition condition = condition(draft);
        try (PreparedStatement insert = connection.prepareStatement(sql.get("campaign-audience-insert").replace("${where}", condition.sql()))) {
            int p = 1;
            insert.setLong(p++, campaignId);
            insert.setLong(p++, now);
            insert.setLong(p++, draft.list().id());
            for (Object parameter : condition.parameters()) {
                insert.setObject(p++, parameter);
            }
            insert.executeUpdate();
        }
    }

    /**
     * Creates the campaign with nobody in it (a list's welcome mail, whose recipients are added one by one
     * as they subscribe); it is finished until someone is.
     */
    public Campaign startEmpty(CampaignDraft draft) {
        return handle.inTransaction(h -> {
            long now = clock.millis();
            long id = insert(h, draft, now);
            h.createUpdate(sql.get("campaign-empty")).bind("id", id).bind("now", now).execute();
            return find(id).orElseThrow();
        });
    }

    private long insert(Handle h, CampaignDraft draft, long now) {
        return h.createUpdate(sql.get("campaign-insert"))
                .bind("issue", draft.issue()).bind("list", draft.list().id()).bind("segment", draft.segmentText())
                .bind("subject", draft.subject()).bind("hash", draft.contentHash()).bind("transport", draft.transport())
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Sets the campaign whose issue welcomes new subscribers of {@code listId}. */
    public void makeWelcome(long listId, long campaignId) {
        handle.useTransaction(h -> h.createUpdate(sql.get("welcome-set")).bind("list", listId).bind("campaign", campaignId).execute());
    }

    /** Welcome campaigns with someone waiting for their welcome mail. */
    public List<Long> welcomesToSend() {
        return handle.createQuery(sql.get("welcome-pending")).mapTo(Long.class).list();
    }

    /**
     * Who a campaign of {@code draft} would go to right now, without starting it: everyone subscribed
     * (and in the segment), and how many of those are suppressed and would be skipped.
     */
    public AudiencePreview preview(CampaignDraft draft) {
        SqlCondition condition = condition(draft);
        List<String> keys = new ArrayList<>();
        long total = 0;
        long suppressed = 0;
        try (PreparedStatement query = handle.getConnection().prepareStatement(sql.get("campaign-audience-keys").replace("${where}", condition.sql()))) {
            int p = 1;
            query.setLong(p++, draft.list().id());
            for (Object parameter : condition.parameters()) {
                query.setObject(p++, parameter);
            }
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    total++;
                    keys.add(rs.getString(1));
                    if (keys.size() == 500) {
                        suppressed += suppressions.suppressedKeys(keys).size();
                        keys.clear();
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count the audience: " + e.getMessage(), e);
        }
        suppressed += suppressions.suppressedKeys(keys).size();
        return new AudiencePreview(total, suppressed);
    }

    /** The size of a would-be audience and how many of it are suppressed. */
    public record AudiencePreview(long subscribed, long suppressed) {
    }

    private SqlCondition condition(CampaignDraft draft) {
        return draft.segment() == null ? new SqlCondition("1 = 1", List.of()) : SegmentSql.toSql(draft.segment(), "s", draft.list().id(), dialect.json());
    }

    public CampaignCounts counts(long campaignId) {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        handle.createQuery(sql.get("campaign-counts")).bind("id", campaignId)
                .map((rs, ctx) -> Map.entry(DeliveryState.fromWord(rs.getString("state")), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return new CampaignCounts(counts);
    }

    /** Counts of every campaign at once, for the campaigns listing. */
    public Map<Long, CampaignCounts> allCounts() {
        Map<Long, Map<DeliveryState, Long>> raw = new HashMap<>();
        handle.createQuery(sql.get("campaign-counts-all"))
                .map((rs, ctx) -> new Object[] {rs.getLong("campaign_id"), DeliveryState.fromWord(rs.getString("state")), rs.getLong("n")})
                .forEach(row -> raw.computeIfAbsent((Long) row[0], k -> new EnumMap<>(DeliveryState.class)).put((DeliveryState) row[1], (Long) row[2]));
        Map<Long, CampaignCounts> counts = new HashMap<>();
        raw.forEach((id, byState) -> counts.put(id, new CampaignCounts(byState)));
        return counts;
    }

    public List<ReplyGroup> errors(long campaignId) {
        List<ReplyGroup> groups = new ArrayList<>();
        handle.createQuery(sql.get("campaign-errors")).bind("id", campaignId)
                .map((rs, ctx) -> new ReplyGroup(DeliveryState.fromWord(rs.getString("state")), rs.getString("reply"), rs.getLong("n")))
                .forEach(groups::add);
        return groups;
    }

    /** Puts the temporarily failed deliveries back in the queue with fresh attempts; returns how many. */
    public int retry(long campaignId) {
        return handle.inTransaction(h -> {
            int n = h.createUpdate(sql.get("campaign-retry")).bind("id", campaignId).bind("now", clock.millis()).execute();
            if (n > 0) {
                h.createUpdate(sql.get("campaign-reopen")).bind("id", campaignId).execute();
            }
            return n;
        });
    }

    /** Campaigns begun after {@code since} with temporarily failed deliveries that failed before {@code before}. */
    public List<Long> retryable(java.time.Instant before, java.time.Instant since) {
        return handle.createQuery(sql.get("campaign-retryable")).bind("before", before.toEpochMilli()).bind("since", since.toEpochMilli())
                .mapTo(Long.class).list();
    }

    /** As {@link #retry}, for only the deliveries that failed before {@code before}; returns how many. */
    public int retryFailedBefore(long campaignId, java.time.Instant before) {
        return handle.inTransaction(h -> {
            int n = h.createUpdate(sql.get("campaign-retry-due")).bind("id", campaignId).bind("before", before.toEpochMilli())
                    .bind("now", clock.millis()).execute();
            if (n > 0) {
                h.createUpdate(sql.get("campaign-reopen")).bind("id", campaignId).execute();
            }
            return n;
        });
    }

    /** Marks the campaign finished when nothing is queued or in flight; returns whether it is finished. */
    public boolean finishIfDone(long campaignId) {
        handle.inTransaction(h -> h.createUpdate(sql.get("campaign-finish")).bind("id", campaignId).bind("now", clock.millis()).execute());
        return find(campaignId).map(Campaign::finished).orElse(false);
    }

    private static Campaign map(java.sql.ResultSet rs) throws SQLException {
        return new Campaign(rs.getLong("id"), rs.getString("issue"), rs.getString("list_slug"), rs.getString("segment"),
                rs.getString("subject"), rs.getString("content_hash"), rs.getString("transport"), rs.getLong("audience"),
                "finished".equals(rs.getString("status")), Rows.instant(rs, "created_at"), Rows.instant(rs, "finished_at"));
    }
}
