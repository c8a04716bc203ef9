package org.newsletter.web.preview;

import java.util.Objects;
import java.util.function.Function;
import org.newsletter.config.Workspace;
import org.newsletter.store.Store;

/**
 * The subscriber store, opened the first time someone renders the preview as a subscriber (so a
 * preview that never does creates no database), and opened again when newsletter.yaml names another
 * database. One connection is enough for one person's preview; requests take turns on it.
 */
final class SubscriberDirectory implements AutoCloseable {

    private final Function<Workspace, Store> opener;
    private Store store;
    private String openedFor;

    /** @param opener opens the store a workspace's settings and the environment point at */
    SubscriberDirectory(Function<Workspace, Store> opener) {
        this.opener = opener;
    }

    synchronized <T> T with(Workspace workspace, Function<Store, T> work) {
        String database = Objects.toString(workspace.databaseUrl(), "");
        if (store != null && !database.equals(openedFor)) {
            close();
        }
        if (store == null) {
            store = opener.apply(workspace);
            openedFor = database;
        }
        return work.apply(store);
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            Store closing = store;
            store = null;
            closing.close();
        }
    }
}
