package org.newsletter.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * How a long-running command hears that the person wants it to stop: Ctrl-C (SIGINT) or SIGTERM (kill,
 * a service manager). The first signal asks the work to stop cleanly, a second to stop at once. Passed in
 * through {@link CommandContext}, like the terminal: the real process watches the JVM's signals
 * ({@link #system}), tests that run the command line in-process watch nothing.
 *
 * <p>Nothing here is about campaigns: {@code send} and {@code campaigns retry} hand it their run's stop
 * request, and {@code serve} can hand it its server's.
 */
public interface StopSignals {

    /** No signals are watched: the JVM's defaults apply (tests, and commands that finish quickly). */
    StopSignals NONE = (stop, stopNow, notice, patience) -> Watch.NONE;

    /**
     * Until the returned watch is closed, the first SIGINT or SIGTERM prints {@code notice} and calls
     * {@code stop}, and any later one calls {@code stopNow}; if the command still has not closed the watch
     * a few seconds after that, the process ends regardless. If the JVM shuts down for another reason
     * (SIGHUP when the terminal closes), {@code stop} is called and the shutdown waits up to
     * {@code patience} for the command to close the watch, so it can record what it did.
     */
    Watch watch(Runnable stop, Runnable stopNow, String notice, Duration patience);

    /** SIGINT and SIGTERM of this process, reported on {@code err}. */
    static StopSignals system(PrintWriter err) {
        return (stop, stopNow, notice, patience) -> new SignalWatch(stop, stopNow, notice, patience, err);
    }

    /** Signals being watched; closing it (once the command has recorded everything) gives them back to the JVM. */
    interface Watch extends AutoCloseable {

        Watch NONE = new Watch() {
            @Override
            public String received() {
                return null;
            }

            @Override
            public void close() {
                // nothing was installed
            }
        };

        /** The first signal received, e.g. "SIGINT", or null when none was. */
        String received();

        @Override
        void close();
    }
}
