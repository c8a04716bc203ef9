package org.newsletter.send;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.newsletter.store.DeliveryJournal;
import org.newsletter.store.DeliveryOutcome;

/**
 * How sender threads hand outcomes to the run's thread. Each outcome is first noted in the journal's
 * outcome log (when it keeps one), so it is safe from a crash before the sender's connection carries
 * another message, and then queued for the run's thread to record in the database in batches.
 *
 * <p>The run's thread is woken for each outcome only when the journal keeps no log (then each is
 * recorded as it comes). With a log it looks every {@link #BATCH_POLL} while outcomes keep coming (waking
 * it for every message cost nearly as much CPU as recording them all), and less often, up to the wait its
 * caller allows, while none come (a campaign held to 20 messages a second, a run waiting for a retry).
 */
final class OutcomeQueue {

    /** Short enough that the claimed work (a few milliseconds' worth at full speed) never runs dry meanwhile. */
    static final long BATCH_POLL = TimeUnit.MILLISECONDS.toNanos(2);

    private final DeliveryJournal journal;
    private final Queue<DeliveryOutcome> queue = new ConcurrentLinkedQueue<>();
    /** The run's thread, which takes the outcomes; woken for each when {@link #wakeForEach}. */
    private final Thread taker;
    private final boolean wakeForEach;
    /** Senders report under the read lock; emptying the log takes the write lock, so no report is half done. */
    private final ReadWriteLock gate = new ReentrantReadWriteLock();
    /** How long the taker parks next time it finds nothing (with a log); used by the taker's thread alone. */
    private long look = BATCH_POLL;

    /** Made by the run's thread, the one that takes outcomes. */
    OutcomeQueue(DeliveryJournal journal) {
        this.journal = journal;
        this.taker = Thread.currentThread();
        this.wakeForEach = !journal.notesAhead();
    }

    /**
     * From a sender thread. The outcome is queued even when noting it fails (a full disk), so the run
     * still records it; the failure is then thrown for the sender to stop on.
     */
    void report(DeliveryOutcome outcome) {
        Lock lock = gate.readLock();
        lock.lock();
        try {
            journal.note(outcome);
        } finally {
            queue.add(outcome);
            lock.unlock();
            if (wakeForEach) {
                LockSupport.unpark(taker);
            }
        }
    }

    /** The next outcome, waiting up to {@code millis} (with a log, from {@link #BATCH_POLL} up to that); null if none came. */
    DeliveryOutcome poll(long millis) throws InterruptedException {
        DeliveryOutcome next = queue.poll();
        long wait = TimeUnit.MILLISECONDS.toNanos(millis);
        long deadline = System.nanoTime() + (wakeForEach ? wait : Math.min(look, wait));
        for (long left = deadline - System.nanoTime(); next == null && left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            next = queue.poll();
        }
        look = next != null ? BATCH_POLL : Math.min(2 * look, Math.max(BATCH_POLL, wait));
        return next;
    }

    int drainTo(List<DeliveryOutcome> into) {
        int drained = 0;
        for (DeliveryOutcome next = queue.poll(); next != null; next = queue.poll()) {
            into.add(next);
            drained++;
        }
        return drained;
    }

    /**
     * With no report under way: drains every queued outcome into {@code into}, lets {@code record} write
     * them all to the database, then empties the outcome log, whose every outcome is now recorded.
     * Returns how many were drained. Senders wait meanwhile (one commit, every megabyte or so of log).
     */
    int drainRecordAndForget(List<DeliveryOutcome> into, Runnable record) {
        Lock lock = gate.writeLock();
        lock.lock();
        try {
            int drained = drainTo(into);
            record.run();
            journal.forgetNoted();
            return drained;
        } finally {
            lock.unlock();
        }
    }
}
