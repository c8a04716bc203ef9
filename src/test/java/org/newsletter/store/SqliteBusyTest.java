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
 * Another process (in practice a large import) holding SQLite's write lock past the busy timeout:
 * the write that meets it changes nothing and says why, and the connection it met it on stays
 * usable. Each test waits out SQLite's 10 s busy timeout once.
 */
class SqliteBusyTest {

    @TempDir
    Path dir;

    @Test
    void aWriteThatRunsOutOfPatienceChangesNothingAndItsConnectionStaysUsable() throws Exception {
        DatabaseLocation location = StoreBackend.sqlite(dir);
        // One store, so the write after the busy one must use the very connection that met the lock.
        try (StorePool pool = Store.openPool(location, Clock.systemUTC(), 1, Duration.ZERO)) {
            try (Connection importer = DriverManager.getConnection(location.jdbcUrl());
                    Statement statement = importer.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                long started = System.nanoTime();
                assertThatThrownBy(() -> pool.writing(store -> store.lists().create("news", "News", "", false)))
                        .isInstanceOf(DatabaseBusyException.class)
                        .hasMessage(DatabaseBusyException.MESSAGE);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("SQLite's busy timeout ran first")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(Database.BUSY_TIMEOUT_MS - 500));
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
