package org.newsletter.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The bounce store contract on an SQLite file. */
class SqliteBounceStoreTest extends BounceStoreContractTest {

    @TempDir
    Path dir;

    @Override
    DatabaseLocation freshDatabase() {
        return StoreBackend.sqlite(dir);
    }
}
