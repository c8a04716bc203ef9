package org.newsletter.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.newsletter.web.BackgroundWork;

/**
 * One of {@code serve}'s background jobs on a thread of its own: a pass every {@code interval} until
 * stopped. A pass that fails is reported on its own line (named, so it is clear which job) and on
 * {@code /healthz}, and the next pass tries again; it does not stop the server or the other jobs.
 */
final class BackgroundWorker implements BackgroundWork {

    /** One pass of the job; it should return soon after {@code stopping} becomes true. */
    @FunctionalInterface
    interface Pass {
        void run() throws Exception;
    }

    private final String name;
    private final Duration interval;
    private final Pass pass;
    private final PrintWriter err;
    private final Clock clock;
    /** How often a waiting job looks at its clock; a pass that falls due on the clock starts at most this late. */
    static final Duration CLOCK_CHECK = Duration.ofMillis(200);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile Health health = new Health(true, "starting");

    BackgroundWorker(String name, Duration interval, Pass pass, PrintWriter err, Clock clock) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
        this.err = err;
        this.clock = clock;
        this.thread = new Thread(this::loop, "serve-" + name);
        thread.setDaemon(true); // serve waits for it, bounded, then ends regardless
    }

    void start() {
        thread.start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Health health() {
        return health;
    }

    /** No more passes; the one running finishes (the work it does is asked to stop separately). */
    void stop() {
        stopped.countDown();
    }

    /** Waits up to {@code limit} for the running pass to end; returns whether it did. */
    boolean join(Duration limit) throws InterruptedException {
        thread.join(Math.max(1, limit.toMillis()));
        return !thread.isAlive();
    }

    private void loop() {
        while (stopped.getCount() > 0) {
            try {
                pass.run();
                health = new Health(true, "last ran " + Times.format(clock.instant()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // Reported, on its own line and on /healthz, and tried again at the next pass: a database that
                // is briefly busy or a mail server that is down must not end the server or the other jobs.
                String problem = e.getMessage() == null ? e.toString() : e.getMessage();
                health = new Health(false, Times.format(clock.instant()) + ": " + problem);
                synchronized (err) {
                    err.println("newsletter: serve: " + name + ": " + problem);
                    err.flush();
                }
            }
            try {
                if (awaitNextPass()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits until {@code interval} has passed, by the machine's monotonic time or by the command's clock,
     * whichever comes first; returns true when stopped meanwhile. The jobs' own deadlines (a schedule's time,
     * a retry's backoff) are on that clock, so when it jumps ahead (a host resumed from suspend, whose monotonic
     * time stood still; a test's clock) the due work starts at once instead of up to an interval late.
     */
    private boolean awaitNextPass() throws InterruptedException {
        long deadline = System.nanoTime() + interval.toNanos();
        Instant due = clock.instant().plus(interval);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !clock.instant().isBefore(due)) {
                return false;
            }
            if (stopped.await(Math.min(left, CLOCK_CHECK.toNanos()), TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
    }
}
