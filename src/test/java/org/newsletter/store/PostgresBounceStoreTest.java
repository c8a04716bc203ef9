package org.newsletter.store;

/** The bounce store contract on a real PostgreSQL server (see {@link StoreBackend}). */
class PostgresBounceStoreTest extends BounceStoreContractTest {

    private String server;

    @Override
    DatabaseLocation freshDatabase() {
        server = StoreBackend.postgresUrl();
        return StoreBackend.postgresSchema(server);
    }

    @Override
    void dispose(DatabaseLocation location) {
        if (location != null) {
            StoreBackend.dropSchema(server, location);
        }
    }
}
