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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    /**
     * The tests that hold the lock past "the busy timeout" shorten it this way instead of waiting 10 s:
     * it must really be the timeout then, and a store given more patience must still wait longer.
     */
    @Test
    void aBusyTimeoutInTheUrlReplacesTheTenSecondDefaultAndPatienceStillWins() throws Exception {
        DatabaseLocation location = new DatabaseLocation(StoreBackend.withBusyTimeout(StoreBackend.sqlite(dir), 100), null);
        try (Store impatient = Store.open(location, Clock.systemUTC()); Store patient = Store.open(location, Clock.systemUTC())) {
            patient.waitForOtherWriters(Duration.ofMinutes(1));
            try (Connection importer = DriverManager.getConnection(location.jdbcUrl());
                    Statement statement = importer.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                long started = System.nanoTime();
                assertThatThrownBy(() -> impatient.lists().create("news", "News", "", false))
                        .satisfies(failure -> assertThat(DatabaseBusyException.causedBy(failure)).as("recognised as busy").isTrue());
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("gave up after the URL's 100 ms, not 10 s")
                        .isLessThan(Duration.ofSeconds(5));

                CompletableFuture<MailingList> waiting = CompletableFuture.supplyAsync(() -> patient.lists().create("news", "News", "", false));
                // Ten times the busy timeout: without its patience the store would have failed by now.
                Thread.sleep(1_000);
                assertThat(waiting).as("the patient store still waits for the lock").isNotDone();
                statement.execute("COMMIT");
                assertThat(waiting.get(30, TimeUnit.SECONDS).slug()).isEqualTo("news");
            }
        }
    }
}
