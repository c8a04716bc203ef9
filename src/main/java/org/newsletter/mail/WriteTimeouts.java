package org.newsletter.mail;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread that enforces write timeouts for all the open channels of a transport.
 *
 * <p>Why: a read timeout (SO_TIMEOUT) does not stop a write that blocks because the server stopped
 * reading and the TCP buffers are full; only {@code mail.smtp.writetimeout} does, and Angus enforces it
 * by scheduling a task that closes the socket if a write takes too long. By default it creates a
 * scheduler thread for every connection (a non-daemon one, stopped when the socket closes). Angus 2.0
 * also accepts a shared scheduler as {@code mail.smtp.executor.writetimeout}: this is it, a single
 * daemon thread that exists only while at least one channel is open, so nothing outlives the channels
 * and a campaign with 32 connections needs one timer thread, not 32. Cancelled timeouts (one per write,
 * nearly all of them) are removed at once rather than left queued until they expire.
 */
final class WriteTimeouts {

    private ScheduledThreadPoolExecutor scheduler;
    private int users;

    /** The scheduler, started if needed; every call is matched by one {@link #release()}. */
    synchronized ScheduledExecutorService acquire() {
        if (scheduler == null) {
            scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "smtp-write-timeouts");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.setRemoveOnCancelPolicy(true);
        }
        users++;
        return scheduler;
    }

    /** Stops the thread when the last channel is closed. */
    synchronized void release() {
        if (users == 0) {
            throw new IllegalStateException("released more often than acquired");
        }
        users--;
        if (users == 0) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
