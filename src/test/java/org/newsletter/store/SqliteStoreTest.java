package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    DatabaseLocation freshDatabase() {
        return StoreBackend.sqlite(dir);
    }

    @Test
    void aWriterWaitsForAnotherProcessesLockInsteadOfFailing() throws Exception {
        // Another process (say, 'serve') holds the write lock for a moment.
        Connection other = DriverManager.getConnection(StoreBackend.sqlite(dir).jdbcUrl());
        try (Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO setting (name, value) VALUES ('held', 'yes')");
        }
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(700);
                try (Statement statement = other.createStatement()) {
                    statement.execute("COMMIT");
                }
                other.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long started = System.nanoTime();
        AddOutcome outcome = add("waiting@example.org", "", Set.of(), Map.of());
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        release.get(10, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(AddOutcome.ADDED);
        assertThat(waitedMs).as("the add had to wait for the other writer").isGreaterThanOrEqualTo(400);
    }
}
