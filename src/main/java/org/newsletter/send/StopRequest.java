package org.newsletter.send;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks a campaign run, from another thread (a signal handler), to stop: first cleanly, then, if need be,
 * at once. A clean stop claims no more recipients, puts back those claimed but not yet handed over, waits
 * a bounded time for the messages already with the server and records them, so that the next run sends to
 * nobody twice. Stopping at once stops waiting: messages still with the server stay {@code sending}, as
 * after a crash, and the next run sends them again with the same Message-ID.
 *
 * <p>One per run; the run's threads sleep on it, so a request wakes them instead of waiting out a rate
 * limit or a backoff.
 */
public final class StopRequest {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch now = new CountDownLatch(1);

    /** Stop claiming work; let what is with the server finish, record it, and return. */
    public void stop() {
        stop.countDown();
    }

    /** As {@link #stop}, without waiting for the messages still with the server. */
    public void stopNow() {
        stop.countDown();
        now.countDown();
    }

    public boolean requested() {
        return stop.getCount() == 0;
    }

    public boolean immediate() {
        return now.getCount() == 0;
    }

    /** Sleeps for {@code duration}, or until a stop is requested. */
    void pause(Duration duration) throws InterruptedException {
        stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
