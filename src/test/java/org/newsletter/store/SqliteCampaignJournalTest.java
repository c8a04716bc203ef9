package org.newsletter.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The campaign journal contract on an SQLite file. */
class SqliteCampaignJournalTest extends CampaignJournalContractTest {

    @TempDir
    Path dir;

    @Override
    DatabaseLocation freshDatabase() {
        return StoreBackend.sqlite(dir);
    }
}
