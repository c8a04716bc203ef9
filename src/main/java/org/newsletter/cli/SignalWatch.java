package org.newsletter.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link StopSignals} on the JVM's own signals. The JVM's default for SIGINT and SIGTERM is to run its
 * shutdown hooks and exit (with status 130 or 143) while the command's threads are still working, which
 * is how a Ctrl-C'd campaign used to leave messages unrecorded. This takes the two signals over with
 * {@code sun.misc.Signal} ({@link JvmSignals}: the supported way for an application to handle them),
 * so the command ends on its own terms, with its own exit code. A shutdown hook covers the other ways the
 * JVM ends (SIGHUP, or a JVM started with -Xrs, which keeps the signals to itself).
 */
final class SignalWatch implements StopSignals.Watch {

    private static final List<String> SIGNALS = List.of("INT", "TERM");
    /** After a second signal, how long the command has to wrap up before the process ends regardless. */
    static final Duration LAST_CHANCE = Duration.ofSeconds(5);

    private final Runnable stop;
    private final Runnable stopNow;
    private final String notice;
    private final Duration patience;
    private final PrintWriter err;
    private final JvmSignals jvm = JvmSignals.find();
    private final Map<String, Object> previous = new LinkedHashMap<>();
    private final AtomicInteger signals = new AtomicInteger();
    private final AtomicReference<String> first = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    SignalWatch(Runnable stop, Runnable stopNow, String notice, Duration patience, PrintWriter err) {
        this.stop = stop;
        this.stopNow = stopNow;
        this.notice = notice;
        this.patience = patience;
        this.err = err;
        for (String name : jvm == null ? List.<String>of() : SIGNALS) {
            try {
                previous.put(name, jvm.install(name, this::handle));
            } catch (IllegalArgumentException vmOwnsIt) {
                // java -Xrs, or a platform without the signal: the JVM's default stays, and the shutdown hook
                // below still asks the command to stop and waits for it to record what it did.
            }
        }
        this.hook = new Thread(this::shuttingDown, "stop-on-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Runs on a thread of its own for each signal. */
    private void handle(String signal, int number) {
        if (signals.incrementAndGet() == 1) {
            first.set("SIG" + signal);
            err.println("newsletter: SIG" + signal + ": " + notice);
            err.flush();
            stop.run();
            return;
        }
        stopNow.run();
        try {
            if (!closed.await(LAST_CHANCE.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("newsletter: SIG" + signal + " again, and still not stopped after " + LAST_CHANCE.toSeconds() + " s: ending now");
                err.flush();
                Runtime.getRuntime().halt(128 + number);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JVM is ending for another reason than the watched signals: ask the work to stop and give it time to record it. */
    private void shuttingDown() {
        if (closed.getCount() == 0) {
            return;
        }
        first.compareAndSet(null, "shutdown");
        stop.run();
        try {
            closed.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String received() {
        return first.get();
    }

    @Override
    public void close() {
        if (jvm != null) {
            previous.forEach(jvm::restore);
        }
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // The JVM is shutting down and running the hook, which was waiting for exactly this close.
        }
    }
}
