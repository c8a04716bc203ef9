package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.newsletter.store.imports.ImportReport;
import org.newsletter.store.imports.PostgresForeignKeyPause;
import org.newsletter.testing.RequiresPostgres;
import org.newsletter.testing.TestPostgres;

/** The same contract against a real PostgreSQL server (see {@link TestPostgres}). */
@RequiresPostgres
class PostgresStoreTest extends StoreContractTest {

    private final TestPostgres server;
    private DatabaseLocation location;

    PostgresStoreTest(TestPostgres server) {
        this.server = server;
    }

    @Override
    DatabaseLocation freshDatabase() {
        location = server.newSchema();
        return location;
    }

    @Override
    void dispose(DatabaseLocation location) {
        server.dropSchema(location);
    }

    /**
     * Past {@link PostgresForeignKeyPause#MINIMUM} new people an import checks the subscription
     * table's foreign keys once, at the end: afterwards they are there again, and enforced.
     */
    @Test
    void aLargeImportPutsTheForeignKeysBackWhetherItCommitsOrIsADryRun() throws Exception {
        StringBuilder csv = new StringBuilder("email,name\n");
        long rows = PostgresForeignKeyPause.MINIMUM + 500;
        for (long i = 0; i < rows; i++) {
            csv.append("bulk").append(i).append("@example.org,Bulk ").append(i).append('\n');
        }
        ImportReport dryRun = importCsv(csv.toString(), true, false, new ArrayList<>(), rows);
        assertThat(dryRun.added()).isEqualTo(rows);
        assertThat(foreignKeysOfSubscription()).isEqualTo(2);

        ImportReport report = importCsv(csv.toString(), false, false, new ArrayList<>(), rows);
        assertThat(report.added()).isEqualTo(rows);
        assertThat(foreignKeysOfSubscription()).isEqualTo(2);
        assertThat(store.lists().summaries().get(0).subscribed()).isEqualTo(rows);
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl()); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("INSERT INTO subscription (subscriber_id, list_id, status, changed_at) VALUES (-1, "
                    + news.id() + ", 'subscribed', 0)")).isInstanceOf(SQLException.class).hasMessageContaining("foreign key");
        }
    }

    private int foreignKeysOfSubscription() throws SQLException {
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl()); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_constraint WHERE conrelid = 'subscription'::regclass AND contype = 'f'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
