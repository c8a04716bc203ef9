package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsletter.model.Campaign;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
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

    /**
     * Senders on other machines share this database, so an outcome log on this machine could not be read
     * back by the run that takes over a dead sender's rows: outcomes go straight to the database.
     */
    @Test
    void outcomesAreNotNotedAheadOfTheDatabase() {
        try (DeliveryJournal journal = store.journal(start(null), news)) {
            assertThat(journal.notesAhead()).isFalse();
            assertThat(journal.notedBytes()).isZero();
        }
    }

    /**
     * Advisory locks belong to the database, not the schema: two workspaces in one database, each with
     * its own sender 1, must not share a lock: before the key carried the schema, our sender 1 waited
     * for theirs to finish before it could start, and a dead sender 1 of ours looked alive while theirs
     * ran, so its messages were not requeued.
     */
    @Test
    void aLiveSenderInAnotherSchemaDoesNotKeepThisSchemasDeadSenderAlive() {
        DatabaseLocation elsewhere = server.newSchema();
        try (Store otherWorkspace = Store.open(elsewhere, clock)) {
            MailingList list = otherWorkspace.lists().create("news", "Monthly news", "", false);
            otherWorkspace.subscribers().add(new NewSubscriber(EmailAddress.parse("x@example.org"), "", Set.of(), Map.of(), "test", clock.instant()),
                    list, "test");
            Campaign theirs = otherWorkspace.campaigns().start(new CampaignDraft("2024-08-team-update", list, null, null, "August", "hash", "outbox"));
            try (DeliveryJournal live = otherWorkspace.journal(theirs, list)) {
                assertThat(live.claim(1)).hasSize(1); // their sender 1 is alive and holds its lock

                for (int i = 0; i < 4; i++) {
                    add("p" + i + "@example.org");
                }
                Campaign ours = start(null);
                DeliveryJournal dead = another().journal(ours, news);
                assertThat(dead.claim(4)).hasSize(4);
                dead.close(); // our sender 1 stops without recording its four
                try (DeliveryJournal resumed = store.journal(ours, news)) {
                    assertThat(resumed.requeueOrphans()).as("our sender 1 is dead, whatever sender 1 of another schema does").isEqualTo(4);
                }
            }
        } finally {
            server.dropSchema(elsewhere);
        }
    }
}
