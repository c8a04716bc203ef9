package org.newsletter.store;

/** The schema upgrade on a real PostgreSQL server (see {@link StoreBackend}). */
class PostgresSchemaUpgradeTest extends SchemaUpgradeContractTest {

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
