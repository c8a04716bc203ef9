package org.newsletter.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.Campaign;
import org.newsletter.model.ScheduledCampaign;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;

/**
 * Campaigns scheduled for later ({@code send --at}): recording, listing, cancelling and moving them, and
 * starting a due one exactly once however many processes try at the same moment.
 */
public final class ScheduleRepository {

    private final Handle handle;
    private final Sql sql;
    private final Clock clock;
    private final CampaignRepository campaigns;

    ScheduleRepository(Handle handle, Sql sql, Clock clock, CampaignRepository campaigns) {
        this.handle = handle;
        this.sql = sql;
        this.clock = clock;
        this.campaigns = campaigns;
    }

    /** Records {@code draft} to start at {@code at}; {@code by} is who scheduled it. */
    public ScheduledCampaign schedule(CampaignDraft draft, Instant at, String by) {
        long id = handle.inTransaction(h -> h.createUpdate(sql.get("schedule-insert"))
                .bind("issue", draft.issue()).bind("list", draft.list().id()).bind("segment", draft.segmentText())
                .bind("subject", draft.subject()).bind("hash", draft.contentHash()).bind("at", at.toEpochMilli()).bind("by", by)
                .bind("now", clock.millis())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return find(id).orElseThrow();
    }

    public Optional<ScheduledCampaign> find(long id) {
        return handle.createQuery(sql.get("schedule-select") + " WHERE s.id = :id").bind("id", id).map((rs, ctx) -> map(rs)).findOne();
    }

    /** Those still waiting for their time, soonest first. */
    public List<ScheduledCampaign> pending() {
        return handle.createQuery(sql.get("schedule-select") + " WHERE s.status = 'scheduled' ORDER BY s.send_at, s.id")
                .map((rs, ctx) -> map(rs)).list();
    }

    /** Every scheduled campaign that did not start: still waiting, cancelled or failed, soonest first. */
    public List<ScheduledCampaign> notStarted() {
        return handle.createQuery(sql.get("schedule-select") + " WHERE s.status <> 'started' ORDER BY s.send_at, s.id")
                .map((rs, ctx) -> map(rs)).list();
    }

    /** The one still waiting for this issue, list and segment, if any. */
    public Optional<ScheduledCampaign> pending(String issue, long listId, String segment) {
        return handle.createQuery(sql.get("schedule-select")
                        + " WHERE s.status = 'scheduled' AND s.issue = :issue AND s.list_id = :list AND s.segment = :segment")
                .bind("issue", issue).bind("list", listId).bind("segment", segment == null ? "" : segment.strip())
                .map((rs, ctx) -> map(rs)).findFirst();
    }

    /** Those whose time has come, soonest first. */
    public List<ScheduledCampaign> due() {
        return handle.createQuery(sql.get("schedule-select") + " WHERE s.status = 'scheduled' AND s.send_at <= :now ORDER BY s.send_at, s.id")
                .bind("now", clock.millis()).map((rs, ctx) -> map(rs)).list();
    }

    /** Ids of campaigns that started from a schedule and still have something to send. */
    public List<Long> unfinishedCampaigns() {
        return handle.createQuery(sql.get("schedule-unfinished")).mapTo(Long.class).list();
    }

    /** Cancels it if it has not started; returns whether it did. */
    public boolean cancel(long id) {
        return handle.inTransaction(h -> h.createUpdate(sql.get("schedule-cancel")).bind("id", id).bind("now", clock.millis()).execute()) == 1;
    }

    /** Moves it to {@code at} if it has not started; returns whether it did. */
    public boolean reschedule(long id, Instant at) {
        return handle.inTransaction(h -> h.createUpdate(sql.get("schedule-move")).bind("id", id).bind("at", at.toEpochMilli())
                .bind("now", clock.millis()).execute()) == 1;
    }

    /** Records why a due one could not start; it will not be tried again. */
    public void fail(long id, String problem) {
        handle.useTransaction(h -> h.createUpdate(sql.get("schedule-fail")).bind("id", id).bind("problem", problem).bind("now", clock.millis())
                .execute());
    }

    /**
     * Starts the due scheduled campaign {@code id} as {@code draft} (fixing its audience now), in one
     * transaction with marking it started, so that of several processes trying at once exactly one
     * gets the campaign; the others (and a second try) get nothing.
     */
    public Optional<Campaign> start(long id, CampaignDraft draft) {
        try {
            return handle.inTransaction(h -> {
                long now = clock.millis();
                if (h.createUpdate(sql.get("schedule-claim")).bind("id", id).bind("now", now).execute() != 1) {
                    return Optional.<Campaign>empty();
                }
                Campaign campaign = campaigns.find(draft.issue(), draft.list().id(), draft.segmentText()).orElse(null);
                if (campaign == null) {
                    campaign = campaigns.start(draft); // joins this transaction
                }
                h.createUpdate(sql.get("schedule-link")).bind("id", id).bind("campaign", campaign.id()).bind("now", now).execute();
                return Optional.of(campaign);
            });
        } catch (RuntimeException e) {
            if (StoreFailures.uniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ScheduledCampaign map(java.sql.ResultSet rs) throws SQLException {
        long campaign = rs.getLong("campaign_id");
        Long campaignId = rs.wasNull() ? null : campaign;
        return new ScheduledCampaign(rs.getLong("id"), rs.getString("issue"), rs.getString("list_slug"), rs.getString("segment"),
                rs.getString("subject"), rs.getString("content_hash"), Rows.instant(rs, "send_at"), rs.getString("status"), campaignId,
                rs.getString("problem"), rs.getString("created_by"), Rows.instant(rs, "created_at"));
    }
}
