package org.newsletter.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.newsletter.cli.StopSignals;

/**
 * The signals of a command run in-process ({@link IssueFixture#signals}): {@link #press()} does what the first
 * SIGTERM does to the real process, so a test can stop a {@code serve} it started on a thread.
 */
public final class StopButton implements StopSignals {

    private final AtomicReference<Runnable> stop = new AtomicReference<>();

    @Override
    public Watch watch(Runnable stop, Runnable stopNow, String notice, Duration patience) {
        this.stop.set(stop);
        return new Watch() {
            @Override
            public String received() {
                return null;
            }

            @Override
            public void close() {
                StopButton.this.stop.compareAndSet(stop, null);
            }
        };
    }

    /** Asks the command watching to stop cleanly; false when none is watching (it has not started, or has ended). */
    public boolean press() {
        Runnable watching = stop.get();
        if (watching == null) {
            return false;
        }
        watching.run();
        return true;
    }
}
