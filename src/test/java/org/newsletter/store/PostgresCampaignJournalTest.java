package org.newsletter.store;

import org.newsletter.testing.RequiresPostgres;
import org.newsletter.testing.TestPostgres;

/** The campaign journal contract on a real PostgreSQL server (see {@link TestPostgres}). */
@RequiresPostgres
class PostgresCampaignJournalTest extends CampaignJournalContractTest {

    private final TestPostgres server;

    PostgresCampaignJournalTest(TestPostgres server) {
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
