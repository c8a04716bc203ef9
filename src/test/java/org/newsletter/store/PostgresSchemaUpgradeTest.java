package org.newsletter.store;

import org.newsletter.testing.RequiresPostgres;
import org.newsletter.testing.TestPostgres;

/** The schema upgrade on a real PostgreSQL server (see {@link TestPostgres}). */
@RequiresPostgres
class PostgresSchemaUpgradeTest extends SchemaUpgradeContractTest {

    private final TestPostgres server;

    PostgresSchemaUpgradeTest(TestPostgres server) {
        this.server = server;
    }

    @Override
    DatabaseLocation freshDatabase() {
        return server.newSchema();
    }

    @Override
    void dispose(DatabaseLocation location) {
        if (location != null) {
            server.dropSchema(location);
        }
    }
}
