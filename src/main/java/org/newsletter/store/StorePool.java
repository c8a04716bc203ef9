package org.newsletter.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A fixed number of {@link Store}s, each with its own connection, lent to one thread at a time. A
 * server sizes it like its thread pool, so a request waits for a store only when every thread is busy.
 */
public final class StorePool implements AutoCloseable {

    /** How long a request waits for a free store before it is answered "busy". */
    private static final long WAIT_SECONDS = 10;

    /**
     * How long a write keeps trying while another process holds SQLite's write lock, which a large
     * import does until it commits (five million rows: about half a minute on two cores). A
     * reader's unsubscribe or confirmation that arrives meanwhile is then recorded when the import
     * is done, instead of being lost with an error page after SQLite's 10 s busy timeout. Campaigns
     * wait as long ({@link Store#waitForOtherWriters}).
     */
    public static final Duration WRITE_PATIENCE = Duration.ofMinutes(10);

    private final List<Store> all;
    private final BlockingQueue<Store> idle;
    /**
     * Taken around writes to SQLite. SQLite has one writer at a time; threads that race for it wait in
     * SQLite's busy handler, which sleeps in steps of up to 100 ms, so under load a few writes took
     * 100 ms and more. A fair lock in the process queues them instead, each waiting only as long as
     * the writes before it take. (Another process that writes still meets the busy timeout.)
     */
    private final ReentrantLock writer = new ReentrantLock(true);
    private final Duration patience;

    StorePool(List<Store> stores, Duration patience) {
        this.patience = patience;
        if (stores.isEmpty()) {
            throw new IllegalArgumentException("a store pool needs at least one store");
        }
        this.all = List.copyOf(stores);
        this.idle = new ArrayBlockingQueue<>(stores.size(), false, stores);
    }

    /** Runs {@code work} with a store of its own and returns its result. */
    public <T> T with(Function<Store, T> work) {
        Store store = borrow();
        try {
            return work.apply(store);
        } finally {
            idle.add(store);
        }
    }

    /**
     * As {@link #with}, for work that writes: on SQLite, one such piece of work at a time, and
     * patient (see {@link #WRITE_PATIENCE}) when another process holds the database's write lock.
     */
    public <T> T writing(Function<Store, T> work) {
        if (dialect() != Dialect.SQLITE) {
            return with(work); // PostgreSQL waits for row and table locks itself
        }
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            // Threads queue here, not in SQLite, while an import holds the lock: one waits there at a time.
            if (!writer.tryLock(Math.max(patience.toNanos(), TimeUnit.SECONDS.toNanos(WAIT_SECONDS)), TimeUnit.NANOSECONDS)) {
                throw new DatabaseBusyException(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to write to the database", e);
        }
        try {
            while (true) {
                try {
                    return with(work);
                } catch (RuntimeException e) {
                    // SQLite waited its busy timeout and gave up. The transaction that met SQLITE_BUSY wrote
                    // nothing (it never began, or was rolled back), and what the site writes (unsubscribe,
                    // subscribe, confirm) changes nothing when repeated, so running the work again is safe.
                    if (!DatabaseBusyException.causedBy(e)) {
                        throw e;
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        throw new DatabaseBusyException(e);
                    }
                }
            }
        } finally {
            writer.unlock();
        }
    }

    private Store borrow() {
        try {
            Store store = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (store == null) {
                throw new StoreException("every database connection stayed busy for " + WAIT_SECONDS + " s");
            }
            return store;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
    }

    public Dialect dialect() {
        return all.get(0).dialect();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Store store : all) {
            try {
                store.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
