package org.newsletter.store.segment;

import java.nio.file.Path;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.StoreBackend;

/** Segments as SQL on an SQLite file. */
class SqliteSegmentSqlTest extends SegmentSqlContractTest {

    @Override
    DatabaseLocation freshDatabase(Path dir) {
        return StoreBackend.sqlite(dir);
    }
}
