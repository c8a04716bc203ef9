package org.newsletter.store;

/** The same contract against a real PostgreSQL server (see {@link StoreBackend}). */
class PostgresStoreTest extends StoreContractTest {

    private String server;

    @Override
    DatabaseLocation freshDatabase() {
        server = StoreBackend.postgresUrl();
        return StoreBackend.postgresSchema(server);
    }

    @Override
    void dispose(DatabaseLocation location) {
        StoreBackend.dropSchema(server, location);
    }
}
