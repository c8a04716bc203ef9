package org.newsletter.store.segment;

import java.nio.file.Path;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.testing.RequiresPostgres;
import org.newsletter.testing.TestPostgres;

/** Segments as SQL on a real PostgreSQL server (see {@link TestPostgres}). */
@RequiresPostgres
class PostgresSegmentSqlTest extends SegmentSqlContractTest {

    private final TestPostgres server;

    PostgresSegmentSqlTest(TestPostgres server) {
        this.server = server;
    }

    @Override
    DatabaseLocation freshDatabase(Path dir) {
        return server.newSchema();
    }

    @Override
    void dispose(DatabaseLocation location) {
        server.dropSchema(location);
    }
}
