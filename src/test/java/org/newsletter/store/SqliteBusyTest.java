package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.MailingList;

/**
 * Another process (in practice a large import) holding SQLite's write lock for longer than a store
 * waits: the write that meets it changes nothing and is recognised as "busy", and the connection it
 * met it on stays usable.
 */
class SqliteBusyTest {

    @TempDir
    Path dir;

    @Test
    void aWriteThatRunsOutOfPatienceChangesNothingAndItsConnectionStaysUsable() throws Exception {
        DatabaseLocation location = StoreBackend.sqlite(dir);
        // One store, so the write after the busy one must use the very connection that met the lock;
        // no patience, so SQLite gives up at once.
        try (StorePool pool = Store.openPool(location, Clock.systemUTC(), 1, Duration.ZERO)) {
            try (Connection importer = DriverManager.getConnection(location.jdbcUrl());
                    Statement statement = importer.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                assertThatThrownBy(() -> pool.writing(store -> store.lists().create("news", "News", "", false)))
                        .satisfies(failure -> assertThat(DatabaseBusyException.causedBy(failure)).as("recognised as busy").isTrue());
                statement.execute("ROLLBACK");
            }
            Optional<MailingList> before = pool.with(store -> store.lists().find("news"));
            assertThat(before).as("nothing was written").isEmpty();

            pool.writing(store -> store.lists().create("news", "News", "", false));
            Optional<MailingList> after = pool.with(store -> store.lists().find("news"));
            assertThat(after).isPresent();
        } // closing must not fail either: the connection knows no transaction is open
    }
}
