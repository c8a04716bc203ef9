package org.newsletter.send;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.newsletter.config.SendingSettings;
import org.newsletter.mail.Transport;
import org.newsletter.model.DeliveryState;
import org.newsletter.store.DeliveryClaim;
import org.newsletter.store.DeliveryJournal;
import org.newsletter.store.DeliveryOutcome;

/**
 * One process's run of a campaign: this thread claims recipients from the journal in small batches and
 * records outcomes in batches; {@code connections} worker threads, one per transport connection, build
 * and hand over the messages. Only this thread touches the database.
 *
 * <p>The rules of DESIGN.md "Sending" hold because a recipient is claimed (committed as {@code sending})
 * before any worker sees it: a crash leaves at most the claimed-but-unrecorded rows in doubt, and a rerun
 * sends those again with the same Message-ID. A worker notes each outcome in the journal's outcome log
 * before its connection carries the next message ({@link OutcomeQueue}), so after a crash only the
 * messages on the wire at that instant, one per connection, go twice. With such a log (SQLite) this
 * thread writes outcomes to the database every {@link #RECORD_EVERY} or {@link #RECORD_BATCH}, whichever
 * comes first: a commit per message was nearly a third of the send's CPU. Without one
 * (PostgreSQL, whose senders may be on other machines) it writes them as soon as they arrive (group
 * commit: whatever arrived during the previous write goes in the next one).
 *
 * <p>A run can be asked to stop ({@link StopRequest}, on Ctrl-C): it claims nothing more, puts the claims
 * no message was made for back in the queue, waits for the messages already handed over (at most
 * {@link #DRAIN_LIMIT}) and records their outcomes, so nothing is left {@code sending} and the next run
 * sends to nobody twice. Asked to stop at once, it stops waiting for those.
 */
public final class CampaignRun {

    /** Longest sleep while waiting for a retry to fall due, so a run notices new work promptly. */
    static final Duration MAX_IDLE = Duration.ofSeconds(1);
    /**
     * With an outcome log (see {@link DeliveryJournal#notesAhead}), outcomes are written to the database
     * in batches, at least this often, so that {@code campaigns show} and the progress line lag little.
     */
    static final Duration RECORD_EVERY = Duration.ofMillis(100);
    /** ...or once this many are waiting. */
    static final int RECORD_BATCH = 1000;
    /** The outcome log is emptied (everything in it recorded) once it is this large. */
    static final long LOG_LIMIT = 1 << 20;
    /** How long a run asked to stop waits for the messages already with the server. */
    public static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    private final DeliveryJournal journal;
    private final Transport transport;
    private final MessageMaker maker;
    private final int connections;
    private final RateLimiter limiter;
    private final SendingSettings.Retry retry;
    private final Clock clock;
    private final SendProgress progress;
    private final RateLimiter.Sleeper sleeper;
    private final StopRequest stop;
    private final Duration drainLimit;

    public CampaignRun(DeliveryJournal journal, Transport transport, MessageMaker maker, int connections, SendingSettings.Rate rate,
            SendingSettings.Retry retry, Clock clock, SendProgress progress, StopRequest stop) {
        this(journal, transport, maker, connections, rate, retry, clock, progress, stop::pause, stop, DRAIN_LIMIT);
    }

    /** @param sleeper how the run's threads wait (for the rate limit, a backoff, a retry); it must wake up when {@code stop} is requested */
    CampaignRun(DeliveryJournal journal, Transport transport, MessageMaker maker, int connections, SendingSettings.Rate rate,
            SendingSettings.Retry retry, Clock clock, SendProgress progress, RateLimiter.Sleeper sleeper, StopRequest stop, Duration drainLimit) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
        this.journal = journal;
        this.transport = transport;
        this.maker = maker;
        this.connections = connections;
        this.limiter = new RateLimiter(rate, sleeper);
        this.retry = retry;
        this.clock = clock;
        this.progress = progress;
        this.sleeper = sleeper;
        this.stop = stop;
        this.drainLimit = drainLimit;
    }

    /** Sends until nothing is left that this process can do, the transport stays unreachable, or it is asked to stop. */
    public RunReport run() throws InterruptedException {
        long started = System.nanoTime();
        long orphans = journal.requeueOrphans();
        int claimSize = Math.max(16, connections * 8);
        int lowWater = connections * 4;
        BlockingQueue<DeliveryClaim> work = new ArrayBlockingQueue<>(claimSize + lowWater + connections);
        OutcomeQueue results = new OutcomeQueue(journal);
        TransportHealth health = new TransportHealth();
        List<Thread> workers = startWorkers(work, results, health);
        Map<DeliveryState, Long> recorded = new EnumMap<>(DeliveryState.class);
        List<DeliveryOutcome> pending = new ArrayList<>();
        long outstanding = 0;
        long leftInFlight = 0;
        boolean more = true;
        boolean stopped = false;
        long recordedAt = System.nanoTime();
        try {
            while (true) {
                if (stop.requested()) {
                    stopped = true;
                    break;
                }
                if (more && !health.down() && work.size() < lowWater) {
                    List<DeliveryClaim> claims = journal.claim(claimSize);
                    if (claims.isEmpty()) {
                        more = false;
                    }
                    outstanding += claims.size();
                    work.addAll(claims);
                }
                DeliveryOutcome first = results.poll(10);
                if (first != null) {
                    pending.add(first);
                    outstanding -= 1 + results.drainTo(pending);
                }
                if (!journal.notesAhead() || outstanding == 0 || pending.size() >= RECORD_BATCH
                        || System.nanoTime() - recordedAt >= RECORD_EVERY.toNanos()) {
                    flush(pending, recorded);
                    recordedAt = System.nanoTime();
                    if (journal.notedBytes() > LOG_LIMIT) {
                        outstanding -= results.drainRecordAndForget(pending, () -> flush(pending, recorded));
                    }
                }
                if (outstanding > 0 && workers.stream().anyMatch(worker -> !worker.isAlive())) {
                    // Workers report every message's outcome, whatever it threw; should one still die (say,
                    // out of memory again while reporting), the claim it held can never be reported: stop
                    // instead of waiting for it for ever. That row stays "sending" for the next run.
                    health.markDown("a sender thread stopped unexpectedly");
                    break;
                }
                if (outstanding == 0 && health.down()) {
                    break;
                }
                if (outstanding == 0 && !more) {
                    orphans += journal.requeueOrphans();
                    OptionalLong due = journal.nextDue();
                    if (due.isEmpty()) {
                        break;
                    }
                    long wait = Math.min(MAX_IDLE.toMillis(), due.getAsLong() - clock.millis());
                    if (wait > 0) {
                        sleeper.sleep(Duration.ofMillis(wait));
                    }
                    more = true;
                }
            }
        } finally {
            try {
                leftInFlight = finish(workers, work, results, pending, recorded, outstanding);
            } finally {
                // Everything reported is now recorded, so the outcome log holds nothing the journal must read back when it closes.
                leftInFlight = Math.max(0, leftInFlight - results.drainRecordAndForget(pending, () -> flush(pending, recorded)));
            }
        }
        return new RunReport(recorded, journal.skipped(), orphans, Duration.ofNanos(System.nanoTime() - started), health.reason(), stopped,
                leftInFlight);
    }

    private List<Thread> startWorkers(BlockingQueue<DeliveryClaim> work, OutcomeQueue results, TransportHealth health) {
        List<Thread> workers = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(new ChannelWorker(transport, maker, limiter, retry, work, results, clock, health, sleeper, stop),
                    "sender-" + (i + 1));
            thread.setDaemon(true);
            thread.start();
            workers.add(thread);
        }
        return workers;
    }

    /**
     * Stops the workers after their current message and records what they report. Claims they never
     * picked up go back to the queue as not handed over. A worker stuck in a send is given its timeout
     * to finish, unless the run was asked to stop: then it is given {@link #drainLimit}, or nothing after
     * {@link StopRequest#stopNow}. Returns how many claims are still with a worker: their rows stay
     * {@code sending} (the worker threads are daemons, and end with the process).
     */
    private long finish(List<Thread> workers, BlockingQueue<DeliveryClaim> work, OutcomeQueue results, List<DeliveryOutcome> pending,
            Map<DeliveryState, Long> recorded, long outstanding) throws InterruptedException {
        List<DeliveryClaim> unsent = new ArrayList<>();
        work.drainTo(unsent);
        for (DeliveryClaim claim : unsent) {
            if (claim != ChannelWorker.STOP) {
                pending.add(DeliveryOutcome.notHandedOver(claim, stop.requested() ? ChannelWorker.STOPPED : "not sent before the run stopped"));
                outstanding--;
            }
        }
        for (int i = 0; i < workers.size(); i++) {
            work.put(ChannelWorker.STOP);
        }
        long deadline = System.nanoTime() + drainLimit.toNanos();
        while (outstanding > 0 && !givenUp(deadline) && workers.stream().anyMatch(Thread::isAlive)) {
            DeliveryOutcome first = results.poll(20);
            if (first != null) {
                pending.add(first);
                outstanding -= 1 + results.drainTo(pending);
                flush(pending, recorded); // a message the server took is recorded now, not when the last one ends
            }
        }
        outstanding -= results.drainTo(pending);
        for (Thread worker : workers) {
            // Each ends once its channel is closed (QUIT); asked to stop, the run waits for that no longer than for messages.
            while (worker.isAlive() && !givenUp(deadline)) {
                worker.join(stop.requested() ? 20 : 0);
            }
        }
        outstanding -= results.drainTo(pending);
        return Math.max(0, outstanding);
    }

    /** Whether to stop waiting for messages with the server: only when the run was asked to stop. */
    private boolean givenUp(long deadline) {
        return stop.requested() && (stop.immediate() || System.nanoTime() - deadline >= 0);
    }

    private void flush(List<DeliveryOutcome> pending, Map<DeliveryState, Long> recorded) {
        if (pending.isEmpty()) {
            return;
        }
        journal.record(pending);
        Map<DeliveryState, Integer> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryOutcome outcome : pending) {
            DeliveryState state = outcome.handedOver() ? outcome.state() : DeliveryState.QUEUED;
            counts.merge(state, 1, Integer::sum);
        }
        counts.forEach((state, n) -> {
            recorded.merge(state, (long) n, Long::sum);
            progress.recorded(state, n);
        });
        pending.clear();
    }
}
