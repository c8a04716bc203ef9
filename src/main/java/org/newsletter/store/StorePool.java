package org.newsletter.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.newsletter.store.internal.Dialect;

/**
 * A fixed number of {@link Store}s, each with its own connection, lent to one thread at a time. A
 * server sizes it like its thread pool, so a request waits for a store only when every thread is busy.
 */
public final class StorePool implements AutoCloseable {

    /** How long a request waits for a free store before it is answered "busy". */
    private static final long WAIT_SECONDS = 10;

    private final List<Store> all;
    private final BlockingQueue<Store> idle;
    /**
     * Taken around writes to SQLite. SQLite has one writer at a time; threads that race for it wait in
     * SQLite's busy handler, which sleeps in steps of up to 100 ms, so under load a few writes took
     * 100 ms and more. A fair lock in the process queues them instead, each waiting only as long as
     * the writes before it take. (Another process that writes still meets the busy timeout.)
     */
    private final ReentrantLock writer = new ReentrantLock(true);
    /** How long a write may wait for the lock above: as long as its store waits for other writers. */
    private final Duration patience;

    /** @param patience how long each store waits for another process's write lock ({@link Store#waitForOtherWriters}) */
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
     * As {@link #with}, for work that writes: on SQLite, one such piece of work at a time, waiting
     * as long as the stores do when another process (a large import) holds the write lock.
     */
    public <T> T writing(Function<Store, T> work) {
        if (dialect() != Dialect.SQLITE) {
            return with(work); // PostgreSQL waits for row and table locks itself
        }
        try {
            // Threads queue here, not in SQLite's busy handler: one waits there at a time.
            if (!writer.tryLock(Math.max(patience.toNanos(), TimeUnit.SECONDS.toNanos(WAIT_SECONDS)), TimeUnit.NANOSECONDS)) {
                throw new DatabaseBusyException(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to write to the database", e);
        }
        try {
            return with(work);
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
