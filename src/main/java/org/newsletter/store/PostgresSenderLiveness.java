package org.newsletter.store;

import org.jdbi.v3.core.Handle;
import org.newsletter.store.internal.Sql;

/**
 * PostgreSQL: a session-level advisory lock per sender. The server releases it when the session ends,
 * which is when the process dies or its connection drops, so senders on several machines can judge each other.
 *
 * <p>Advisory locks belong to the whole database, not to a schema, so the key's high 32 bits are a hash
 * of our name and the schema (see the sender-*.postgresql.sql statements) and its low 32 the sender's
 * id: two workspaces in one database, each in its own schema, each with a sender 1, must not take each
 * other's lock for a sign of life, and other applications' locks stay apart.
 */
final class PostgresSenderLiveness implements SenderLiveness {

    private final Handle handle;
    private final Sql sql;
    private Long held;

    PostgresSenderLiveness(Handle handle, Sql sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public void hold(long id) {
        handle.createQuery(sql.get("sender-lock.postgresql")).bind("id", id).mapTo(Integer.class).one();
        held = id;
    }

    @Override
    public boolean alive(long id) {
        if (held != null && held == id) {
            return true;
        }
        boolean free = handle.createQuery(sql.get("sender-try-lock.postgresql")).bind("id", id).mapTo(Boolean.class).one();
        if (free) {
            handle.createQuery(sql.get("sender-unlock.postgresql")).bind("id", id).mapTo(Boolean.class).one();
        }
        return !free;
    }

    @Override
    public void close() {
        if (held != null) {
            handle.createQuery(sql.get("sender-unlock.postgresql")).bind("id", held).mapTo(Boolean.class).one();
            held = null;
        }
    }
}
