package org.newsletter.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.newsletter.model.ClickRecord;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.Engagement;
import org.newsletter.model.LinkClicks;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;

/**
 * What click tracking and the counted image keep (newsletter.yaml {@code tracking:}): each campaign's
 * tracked links with their counts, image-load counts, and, in {@code per_person} mode only, one row per
 * click naming the person. Nothing is written here while tracking is off.
 */
public final class TrackingRepository {

    private final Handle handle;
    private final Sql sql;

    TrackingRepository(Handle handle, Sql sql) {
        this.handle = handle;
        this.sql = sql;
    }

    /** Records the campaign's tracked links (index = place in the list); links already recorded stay as they were. */
    public void recordLinks(long campaignId, List<String> urls) {
        if (urls.isEmpty()) {
            return;
        }
        handle.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(sql.get("tracking-link-insert"));
            for (int i = 0; i < urls.size(); i++) {
                batch.bind("campaign", campaignId).bind("index", i).bind("url", urls.get(i)).add();
            }
            batch.execute();
        });
    }

    /** The campaign's tracked links with their counts, in index order. */
    public List<LinkClicks> links(long campaignId) {
        return handle.createQuery(sql.get("tracking-links")).bind("campaign", campaignId)
                .map((rs, ctx) -> new LinkClicks(rs.getInt("link_index"), rs.getString("url"), rs.getLong("human"), rs.getLong("automated")))
                .list();
    }

    /** Image loads of the campaign: (human, automated). */
    public Counts imageLoads(long campaignId) {
        return handle.createQuery(sql.get("tracking-image-loads")).bind("campaign", campaignId)
                .map((rs, ctx) -> new Counts(rs.getLong("human"), rs.getLong("automated")))
                .findOne().orElse(new Counts(0, 0));
    }

    /**
     * A campaign's clicks per link and image loads, for its report.
     *
     * @param imagesOn whether the workspace counts image loads now (they are reported then even when none came)
     */
    public Engagement engagement(long campaignId, boolean imagesOn) {
        Counts loads = imageLoads(campaignId);
        return new Engagement(links(campaignId), imagesOn || loads.total() > 0, loads.human(), loads.automated());
    }

    /** Human and automated requests. */
    public record Counts(long human, long automated) {
        public long total() {
            return human + automated;
        }
    }

    /** Tracked clicks of every campaign that has any tracked link. */
    public Map<Long, Counts> clicksPerCampaign() {
        Map<Long, Counts> all = new HashMap<>();
        handle.createQuery(sql.get("tracking-clicks-all"))
                .map((rs, ctx) -> Map.entry(rs.getLong("campaign_id"), new Counts(rs.getLong("human"), rs.getLong("automated"))))
                .forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    /**
     * Writes a batch of requests in one transaction: the counts summed per link and per campaign, and a
     * row per click for the events that name a person (who may have been erased since: then none).
     */
    public void record(List<TrackingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<List<Long>, long[]> links = new HashMap<>();
        Map<Long, long[]> images = new HashMap<>();
        for (TrackingEvent e : events) {
            long[] counts = e.linkIndex() == TrackingEvent.IMAGE
                    ? images.computeIfAbsent(e.campaignId(), k -> new long[2])
                    : links.computeIfAbsent(List.of(e.campaignId(), (long) e.linkIndex()), k -> new long[2]);
            counts[e.automated() ? 1 : 0]++;
        }
        handle.useTransaction(h -> {
            if (!links.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(sql.get("tracking-link-count"));
                links.forEach((key, n) -> batch.bind("campaign", key.get(0)).bind("index", key.get(1)).bind("human", n[0]).bind("automated", n[1]).add());
                batch.execute();
            }
            if (!images.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(sql.get("tracking-image-count"));
                images.forEach((campaign, n) -> batch.bind("campaign", campaign).bind("human", n[0]).bind("automated", n[1]).add());
                batch.execute();
            }
            PreparedBatch people = h.prepareBatch(sql.get("tracking-click-insert"));
            for (TrackingEvent e : events) {
                if (e.subscriberId() > 0 && e.linkIndex() != TrackingEvent.IMAGE) {
                    people.bind("campaign", e.campaignId()).bind("index", e.linkIndex()).bind("subscriber", e.subscriberId())
                            .bind("automated", e.automated() ? 1 : 0).bind("at", e.at().toEpochMilli()).add();
                }
            }
            if (people.size() > 0) {
                people.execute();
            }
        });
    }

    /** When the server accepted this person's message of the campaign, if it did. */
    public Optional<Instant> deliveredAt(long campaignId, long subscriberId) {
        return handle.createQuery(sql.get("tracking-delivered-at")).bind("campaign", campaignId).bind("subscriber", subscriberId)
                .map((rs, ctx) -> Rows.instant(rs, "updated_at")).findFirst();
    }

    /** When the campaign's latest message was accepted, if any was. */
    public Optional<Instant> lastDelivery(long campaignId) {
        return handle.createQuery(sql.get("tracking-last-delivery")).bind("campaign", campaignId)
                .map((rs, ctx) -> Optional.ofNullable(Rows.instant(rs, "at"))).one();
    }

    /** The clicks kept about a person ({@code per_person} mode), oldest first. */
    public List<ClickRecord> clicksOf(EmailAddress email) {
        return handle.createQuery(sql.get("tracking-clicks-of")).bind("key", email.key())
                .map((rs, ctx) -> new ClickRecord(rs.getLong("campaign_id"), rs.getString("issue"), rs.getString("url"), rs.getInt("automated") == 1,
                        Rows.instant(rs, "clicked_at")))
                .list();
    }

    /** Deletes the clicks kept about a person; part of an erasure. */
    void eraseClicksOf(EmailAddress email) {
        handle.createUpdate(sql.get("tracking-clicks-erase")).bind("key", email.key()).execute();
    }
}
