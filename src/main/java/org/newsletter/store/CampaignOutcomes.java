package org.newsletter.store;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.BounceKind;
import org.newsletter.model.Campaign;
import org.newsletter.model.CampaignOutcome;
import org.newsletter.model.TimeCount;
import org.newsletter.store.internal.Sql;

/**
 * The figures of a campaign report, read from the journal: delivery states, bounces and complaints
 * recorded against the campaign, and unsubscribes tied to it (see campaign-outcome-unsubscribes.sql
 * for how an unsubscribe is tied to a campaign).
 */
public final class CampaignOutcomes {

    private final Handle handle;
    private final Sql sql;
    private final CampaignRepository campaigns;

    CampaignOutcomes(Handle handle, Sql sql, CampaignRepository campaigns) {
        this.handle = handle;
        this.sql = sql;
        this.campaigns = campaigns;
    }

    public CampaignOutcome of(Campaign campaign) {
        Map<BounceKind, Long> bounces = new EnumMap<>(BounceKind.class);
        handle.createQuery(sql.get("campaign-outcome-bounces")).bind("id", campaign.id())
                .map((rs, ctx) -> Map.entry(BounceKind.fromWord(rs.getString("kind")), rs.getLong("n")))
                .forEach(e -> bounces.put(e.getKey(), e.getValue()));
        List<CampaignOutcome.Unsubscribe> unsubscribes = handle.createQuery(sql.get("campaign-outcome-unsubscribes"))
                .bind("id", campaign.id()).bind("window", CampaignOutcome.UNSUBSCRIBE_WINDOW.toMillis())
                .bind("oneClick", SelfService.ONE_CLICK).bind("page", SelfService.UNSUBSCRIBE_PAGE).bind("mailed", BounceRepository.MAILED_UNSUBSCRIBE)
                .map((rs, ctx) -> new CampaignOutcome.Unsubscribe(Instant.ofEpochMilli(rs.getLong("at")), rs.getString("how")))
                .list();
        return new CampaignOutcome(campaigns.counts(campaign.id()), bounces, unsubscribes);
    }

    /** Messages accepted per period of length {@code bucket}, only periods with some, oldest first. */
    public List<TimeCount> deliveries(Campaign campaign, Duration bucket) {
        long size = bucket.toMillis();
        return handle.createQuery(sql.get("campaign-outcome-deliveries")).bind("id", campaign.id()).bind("bucket", size)
                .map((rs, ctx) -> new TimeCount(Instant.ofEpochMilli(rs.getLong("slot") * size), rs.getLong("n")))
                .list();
    }
}
