package org.newsletter.mail;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread that enforces write timeouts for all the open channels of a transport.
 *
 * <p>Why: a read timeout (SO_TIMEOUT) does not stop a write that blocks because the server stopped
 * reading and the TCP buffers are full. Each {@link SmtpSession} has a watchdog task on this timer
 * that closes its socket when a write has taken longer than the timeout. One daemon thread serves
 * every channel, and exists only while at least one channel is open, so nothing outlives the channels
 * and a campaign with 32 connections needs one timer thread, not 32. Cancelled tasks are removed at
 * once rather than left queued.
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
