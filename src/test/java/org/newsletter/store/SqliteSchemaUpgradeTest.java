package org.newsletter.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The schema upgrade on an SQLite file. */
class SqliteSchemaUpgradeTest extends SchemaUpgradeContractTest {

    @TempDir
    Path dir;

    @Override
    DatabaseLocation freshDatabase() {
        return StoreBackend.sqlite(dir);
    }
}
