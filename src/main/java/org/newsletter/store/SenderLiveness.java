package org.newsletter.store;

/**
 * Tells whether the process behind a sender id is still running, so that deliveries it left in state
 * {@code sending} (in flight when it died) can be queued again without ever taking work from a live
 * sender. Each sender holds a lock that the operating system or the database server releases when the
 * process dies, even by SIGKILL.
 */
interface SenderLiveness extends AutoCloseable {

    /** Takes the lock that shows sender {@code id} (this process) is alive. */
    void hold(long id);

    /** True when sender {@code id}'s lock is still held by someone. */
    boolean alive(long id);

    /** Gives up this process's lock (it stops sending). */
    @Override
    void close();
}
