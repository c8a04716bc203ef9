package org.newsletter.store.segment;

import java.nio.file.Path;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.StoreBackend;

/** Segments as SQL on a real PostgreSQL server (see {@link StoreBackend}). */
class PostgresSegmentSqlTest extends SegmentSqlContractTest {

    @Override
    DatabaseLocation freshDatabase(Path dir) {
        return StoreBackend.postgresSchema(StoreBackend.postgresUrl());
    }

    @Override
    void dispose(DatabaseLocation location) {
        StoreBackend.dropSchema(StoreBackend.postgresUrl(), location);
    }
}
