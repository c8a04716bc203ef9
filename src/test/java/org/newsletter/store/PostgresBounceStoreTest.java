package org.newsletter.store;

import org.newsletter.testing.RequiresPostgres;
import org.newsletter.testing.TestPostgres;

/** The bounce store contract on a real PostgreSQL server (see {@link TestPostgres}). */
@RequiresPostgres
class PostgresBounceStoreTest extends BounceStoreContractTest {

    private final TestPostgres server;

    PostgresBounceStoreTest(TestPostgres server) {
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
