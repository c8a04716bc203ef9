package org.newsletter.store;

import org.jdbi.v3.core.Handle;
import org.newsletter.store.internal.Sql;

/**
 * PostgreSQL: a session-level advisory lock per sender. The server releases it when the session ends,
 * which is when the process dies or its connection drops, so senders on several machines can judge each other.
 */
final class PostgresSenderLiveness implements SenderLiveness {

    /** High 32 bits of every key, so our locks do not collide with other applications' advisory locks. */
    private static final long NAMESPACE = 0x4e4c5344L << 32; // "NLSD"

    private final Handle handle;
    private final Sql sql;
    private Long held;

    PostgresSenderLiveness(Handle handle, Sql sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public void hold(long id) {
        handle.createQuery(sql.get("sender-lock.postgresql")).bind("key", NAMESPACE | id).mapTo(Integer.class).one();
        held = id;
    }

    @Override
    public boolean alive(long id) {
        if (held != null && held == id) {
            return true;
        }
        boolean free = handle.createQuery(sql.get("sender-try-lock.postgresql")).bind("key", NAMESPACE | id).mapTo(Boolean.class).one();
        if (free) {
            handle.createQuery(sql.get("sender-unlock.postgresql")).bind("key", NAMESPACE | id).mapTo(Boolean.class).one();
        }
        return !free;
    }

    @Override
    public void close() {
        if (held != null) {
            handle.createQuery(sql.get("sender-unlock.postgresql")).bind("key", NAMESPACE | held).mapTo(Boolean.class).one();
            held = null;
        }
    }
}
