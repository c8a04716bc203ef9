package org.newsletter.store;

/** The campaign journal contract on a real PostgreSQL server (see {@link StoreBackend}). */
class PostgresCampaignJournalTest extends CampaignJournalContractTest {

    private String server;

    @Override
    DatabaseLocation freshDatabase() {
        server = StoreBackend.postgresUrl();
        return StoreBackend.postgresSchema(server);
    }

    @Override
    void dispose(DatabaseLocation location) {
        if (location != null) {
            StoreBackend.dropSchema(server, location);
        }
    }
}
