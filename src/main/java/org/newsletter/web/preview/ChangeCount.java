package org.newsletter.web.preview;

import java.time.Duration;

/**
 * How many times the files behind the preview have changed. The live-reload streams wait on it, and
 * the rendered issue is redone when the count it was made at is no longer current.
 */
final class ChangeCount {

    private long count;
    private boolean closed;

    synchronized long current() {
        return count;
    }

    synchronized void increment() {
        count++;
        notifyAll();
    }

    /** Wakes every waiter for good: the preview is stopping. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Waits until the count is past {@code seen}, at most {@code timeout}, or until closed; returns the count then. */
    synchronized long awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count <= seen && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return count;
    }
}
