package org.newsletter.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.newsletter.store.StorePool;
import org.newsletter.store.TrackingEvent;

/**
 * Writes click and image-load events from one thread, many per transaction, so that answering
 * {@code /c/} never waits for the database: a request only puts its event in a bounded queue. When the
 * queue is full (the database has stalled for a long while) the event is dropped and counted in the
 * log rather than holding the reader's redirect. Closing writes what is queued.
 */
final class TrackingWriter implements AutoCloseable {

    /** Events queued at most: some seconds of heavy traffic. */
    static final int CAPACITY = 100_000;
    /** Events per transaction at most: enough to keep up, few enough that one transaction stays short. */
    private static final int BATCH = 1_000;

    private final StorePool stores;
    private final RequestLog log;
    private final BlockingQueue<TrackingEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private final Object progress = new Object();
    private long queued;
    private long done;
    private volatile boolean closing;

    TrackingWriter(StorePool stores, RequestLog log) {
        this.stores = stores;
        this.log = log;
        this.thread = new Thread(this::drain, "tracking-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one event; false (and a log line) when the queue is full. */
    boolean offer(TrackingEvent event) {
        synchronized (progress) {
            if (!queue.offer(event)) {
                log.log("tracking queue full: one request not counted");
                return false;
            }
            queued++;
            return true;
        }
    }

    /** Waits until every event queued before this call is written (or given up on): for an orderly stop and for tests. */
    void awaitWritten() throws InterruptedException {
        synchronized (progress) {
            long target = queued;
            while (done < target && thread.isAlive()) {
                progress.wait(100);
            }
        }
    }

    private void drain() {
        List<TrackingEvent> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                TrackingEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                synchronized (progress) {
                    done += batch.size();
                    progress.notifyAll();
                }
                batch.clear();
            }
        }
    }

    private void write(List<TrackingEvent> batch) {
        try {
            stores.writing(store -> {
                store.tracking().record(batch);
                return null;
            });
        } catch (RuntimeException e) {
            // The redirects were answered already; what is lost is a count, which the log says.
            log.log("could not record " + batch.size() + " tracked requests: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
