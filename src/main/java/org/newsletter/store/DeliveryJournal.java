package org.newsletter.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.Campaign;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.model.MailingList;
import org.newsletter.model.SuppressionReason;
import org.newsletter.store.internal.Dialect;
import org.newsletter.store.internal.PreparedByArity;
import org.newsletter.store.internal.Sql;

/**
 * The per-recipient journal of one sending process (DESIGN.md "Sending"). A row is claimed (state
 * {@code sending}, committed) before its message goes to the transport, and its outcome recorded after,
 * so a rerun after a crash knows exactly who may have been sent to: only rows still {@code sending}.
 *
 * <p>Claims re-check each person at that moment: whoever unsubscribed, was suppressed or erased since
 * the campaign began is marked {@code skipped} and not sent. With PostgreSQL, several processes claim
 * disjoint batches ({@code FOR UPDATE SKIP LOCKED}); a process's rows go back to the queue only when
 * {@link SenderLiveness} shows it has died.
 *
 * <p>With SQLite the journal also keeps an {@link OutcomeLog}: sender threads {@link #note} each outcome
 * there as the server answers, so the run can {@link #record} them in large batches (a commit per
 * outcome was nearly a third of a send's CPU) without a crash losing any of them.
 */
public final class DeliveryJournal implements AutoCloseable {

    private final Handle handle;
    private final Sql sql;
    private final Clock clock;
    private final Dialect dialect;
    private final SenderLiveness liveness;
    private final SuppressionRepository suppressions;
    private final Campaign campaign;
    private final MailingList list;
    private final long senderId;
    private final PreparedByArity claimed;
    /** SQLite: the folder of the senders' locks and outcome logs; null with PostgreSQL, whose senders may be on other machines. */
    private final Path logFolder;
    private final OutcomeLog log;
    private long skipped;

    /** @param logFolder where outcome logs are kept, or null to record every outcome straight in the database */
    DeliveryJournal(Handle handle, Sql sql, Clock clock, Dialect dialect, SenderLiveness liveness, SuppressionRepository suppressions,
            Campaign campaign, MailingList list, Path logFolder) {
        this.handle = handle;
        this.sql = sql;
        this.clock = clock;
        this.dialect = dialect;
        this.liveness = liveness;
        this.suppressions = suppressions;
        this.campaign = campaign;
        this.list = list;
        this.senderId = handle.inTransaction(h -> h.createUpdate(sql.get("sender-insert"))
                .bind("campaign", campaign.id()).bind("host", hostName()).bind("pid", ProcessHandle.current().pid()).bind("now", clock.millis())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        liveness.hold(senderId);
        this.claimed = new PreparedByArity(handle.getConnection(), sql.get("delivery-claimed"), "?");
        this.logFolder = logFolder;
        this.log = logFolder == null ? null : OutcomeLog.create(logFolder, senderId);
    }

    public long senderId() {
        return senderId;
    }

    /**
     * Puts back in the queue the deliveries left in flight by senders that have died (SIGKILL, a
     * crash, a lost machine); returns how many. Their messages may have reached the server: they are
     * sent again with the same Message-ID.
     */
    public int requeueOrphans() {
        replayDeadSendersLogs();
        List<Long> senders = handle.createQuery(sql.get("delivery-in-flight-senders")).bind("campaign", campaign.id()).mapTo(Long.class).list();
        int requeued = 0;
        for (long sender : senders) {
            if (sender != senderId && !liveness.alive(sender)) {
                long other = sender;
                requeued += handle.inTransaction(h -> h.createUpdate(sql.get("delivery-requeue-sender"))
                        .bind("campaign", campaign.id()).bind("sender", other).bind("now", clock.millis()).execute());
            }
        }
        return requeued;
    }

    /**
     * Claims up to {@code limit} queued deliveries that are due, in one committed transaction.
     * People no longer subscribed, or suppressed, are marked skipped and left out of the result.
     */
    public List<DeliveryClaim> claim(int limit) {
        try {
            return claimInTransaction(limit);
        } catch (SQLException e) {
            throw new StoreException("cannot claim deliveries of campaign " + campaign.id() + ": " + e.getMessage(), e);
        }
    }

    private List<DeliveryClaim> claimInTransaction(int limit) throws SQLException {
        return handle.inTransaction(h -> {
            long now = clock.millis();
            List<Long> ids = new ArrayList<>(limit);
            try (PreparedStatement claim = connection().prepareStatement(sql.get("delivery-claim." + dialect.name().toLowerCase(java.util.Locale.ROOT)))) {
                claim.setLong(1, senderId);
                claim.setLong(2, now);
                claim.setLong(3, campaign.id());
                claim.setLong(4, now);
                claim.setInt(5, limit);
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            return checkStillWanted(ids, now);
        });
    }

    private List<DeliveryClaim> checkStillWanted(List<Long> ids, long now) throws SQLException {
        PreparedStatement query = claimed.forSize(ids.size());
        query.setLong(1, list.id());
        for (int i = 0; i < ids.size(); i++) {
            query.setLong(i + 2, ids.get(i));
        }
        List<DeliveryClaim> claims = new ArrayList<>(ids.size());
        Map<DeliveryClaim, String> statusOf = new HashMap<>();
        Map<DeliveryClaim, String> keyOf = new HashMap<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                DeliveryClaim claim = new DeliveryClaim(rs.getLong("id"), rs.getLong("subscriber_id"), rs.getString("email"), rs.getString("name"),
                        rs.getInt("attempts"));
                claims.add(claim);
                statusOf.put(claim, rs.getString("status"));
                keyOf.put(claim, rs.getString("email_key"));
            }
        }
        var suppressed = suppressions.suppressedKeys(new ArrayList<>(keyOf.values()));
        List<DeliveryClaim> wanted = new ArrayList<>(claims.size());
        List<Object[]> skips = new ArrayList<>();
        for (DeliveryClaim claim : claims) {
            String status = statusOf.get(claim);
            if (suppressed.contains(keyOf.get(claim))) {
                skips.add(new Object[] {claim.deliveryId(), "suppressed"});
            } else if (!"subscribed".equals(status)) {
                skips.add(new Object[] {claim.deliveryId(), status == null ? "no longer on the list" : status + " since the campaign began"});
            } else {
                wanted.add(claim);
            }
        }
        skipped += skips.size();
        if (!skips.isEmpty()) {
            try (PreparedStatement skip = connection().prepareStatement(sql.get("delivery-skip"))) {
                for (Object[] row : skips) {
                    skip.setString(1, (String) row[1]);
                    skip.setLong(2, now);
                    skip.setLong(3, (Long) row[0]);
                    skip.addBatch();
                }
                skip.executeBatch();
            }
        }
        return wanted;
    }

    /** How many claimed people this journal skipped because they unsubscribed or were suppressed meanwhile. */
    public long skipped() {
        return skipped;
    }

    /** Writes a batch of outcomes in one transaction, and suppresses addresses that do not exist. */
    public void record(List<DeliveryOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            recordInTransaction(outcomes);
        } catch (SQLException e) {
            throw new StoreException("cannot record deliveries of campaign " + campaign.id() + ": " + e.getMessage(), e);
        }
    }

    private void recordInTransaction(List<DeliveryOutcome> outcomes) throws SQLException {
        handle.useTransaction(h -> {
            long now = clock.millis();
            try (PreparedStatement update = connection().prepareStatement(sql.get("delivery-record"))) {
                for (DeliveryOutcome outcome : outcomes) {
                    String state = outcome.state().word();
                    update.setString(1, state);
                    update.setString(2, outcome.reply());
                    update.setString(3, outcome.messageId());
                    update.setLong(4, outcome.retryAt());
                    update.setInt(5, outcome.handedOver() ? 0 : -1);
                    update.setString(6, state);
                    update.setLong(7, now);
                    update.setLong(8, outcome.claim().deliveryId());
                    update.addBatch();
                }
                update.executeBatch();
            }
            for (DeliveryOutcome outcome : outcomes) {
                if (outcome.suppress()) {
                    suppress(outcome);
                }
            }
        });
    }

    private void suppress(DeliveryOutcome outcome) {
        suppressHardBounce(outcome.claim().email(), campaign.id(), outcome.reply());
    }

    /** "No such user" from the server: the address goes on the suppression list, with the campaign and the reply. */
    private void suppressHardBounce(String email, long campaignId, String reply) {
        try {
            suppressions.suppress(EmailAddress.parse(email), SuppressionReason.HARD_BOUNCE, "campaign " + campaignId + ": " + reply, true);
        } catch (InvalidAddressException e) {
            // The address was valid when it was stored; if the rules have since tightened, the failed
            // delivery is still recorded and the address can no longer be mailed by this tool anyway.
            throw new IllegalStateException("stored address " + email + " is no longer valid: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@link #note} keeps outcomes safe before {@link #record} writes them: then a run may
     * gather outcomes into large batches; otherwise each should be recorded as soon as it arrives.
     */
    public boolean notesAhead() {
        return log != null;
    }

    /**
     * Writes a handed-over message's outcome to the outcome log (a no-op without one, and for outcomes of
     * messages never handed over, whose rows simply go back to the queue). Called by sender threads,
     * concurrently; it returns once the outcome would survive this process being killed.
     */
    public void note(DeliveryOutcome outcome) {
        if (log != null && outcome.handedOver()) {
            log.append(outcome, clock.millis());
        }
    }

    /** The outcome log's size in bytes (0 without one). */
    public long notedBytes() {
        return log == null ? 0 : log.size();
    }

    /**
     * Empties the outcome log. Only when every outcome noted so far has been {@link #record recorded}, and
     * no {@link #note} runs meanwhile: the caller holds its sender threads back while it does this.
     */
    public void forgetNoted() {
        if (log != null) {
            log.clear();
        }
    }

    /**
     * Reads back the outcome logs of senders that died (SIGKILL, a crash) before their outcomes reached
     * the database, whatever campaign they sent, and deletes them. An outcome applies only to a row still
     * {@code sending} in the same attempt by the same sender, claimed before the outcome was written, so
     * reading a log twice, or a log whose outcomes were recorded after all, changes nothing.
     */
    private void replayDeadSendersLogs() {
        if (logFolder == null) {
            return;
        }
        for (long sender : OutcomeLog.senders(logFolder)) {
            if (sender != senderId && !liveness.alive(sender)) {
                Path file = OutcomeLog.fileOf(logFolder, sender);
                replay(sender, OutcomeLog.read(file));
                OutcomeLog.delete(file);
            }
        }
    }

    private void replay(long sender, List<OutcomeLog.Logged> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            replayInTransaction(sender, outcomes);
        } catch (SQLException e) {
            throw new StoreException("cannot read back the outcomes of sender " + sender + ": " + e.getMessage(), e);
        }
    }

    private void replayInTransaction(long sender, List<OutcomeLog.Logged> outcomes) throws SQLException {
        handle.useTransaction(h -> {
            try (PreparedStatement update = connection().prepareStatement(sql.get("delivery-replay"))) {
                for (OutcomeLog.Logged outcome : outcomes) {
                    String state = outcome.state().word();
                    update.setString(1, state);
                    update.setString(2, outcome.reply());
                    update.setString(3, outcome.messageId());
                    update.setLong(4, outcome.retryAt());
                    update.setString(5, state);
                    update.setLong(6, outcome.loggedAt());
                    update.setLong(7, outcome.deliveryId());
                    update.setLong(8, sender);
                    update.setInt(9, outcome.attempt());
                    update.setLong(10, outcome.loggedAt());
                    if (update.executeUpdate() == 1 && outcome.suppress()) {
                        suppressReplayed(outcome);
                    }
                }
            }
        });
    }

    /**
     * "No such user", read back from a log: the address of the delivery's subscriber, unless they have
     * been erased since, with the campaign the dead sender was sending, which need not be this one.
     */
    private void suppressReplayed(OutcomeLog.Logged outcome) {
        handle.createQuery(sql.get("delivery-address-of")).bind("id", outcome.deliveryId())
                .map((rs, ctx) -> Map.entry(rs.getString("email"), rs.getLong("campaign_id"))).findOne()
                .ifPresent(found -> suppressHardBounce(found.getKey(), found.getValue(), outcome.reply()));
    }

    /** The earliest time a queued delivery becomes due, or empty when nothing is queued. */
    public java.util.OptionalLong nextDue() {
        Long due = handle.createQuery(sql.get("delivery-next-due")).bind("campaign", campaign.id()).mapTo(Long.class).findOne().orElse(null);
        return due == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(due);
    }

    /**
     * Marks this sender stopped and releases its liveness lock. Whatever was noted but never recorded
     * (a run that ended without recording everything it noted) is recorded from the log first.
     */
    @Override
    public void close() {
        try {
            try {
                if (log != null) {
                    replay(senderId, OutcomeLog.read(log.file()));
                    log.close(); // only once its outcomes are in the database: else the next run reads it back
                }
            } finally {
                claimed.close();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close journal statements: " + e.getMessage(), e);
        } finally {
            try {
                handle.useTransaction(h -> h.createUpdate(sql.get("sender-stop")).bind("id", senderId).bind("now", clock.millis()).execute());
            } finally {
                liveness.close();
            }
        }
    }

    private Connection connection() {
        return handle.getConnection();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host (" + e.getMessage() + ")";
        }
    }
}
