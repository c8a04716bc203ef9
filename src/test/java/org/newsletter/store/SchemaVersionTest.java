package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening an up-to-date database skips Flyway; anything unusual still goes through it. */
class SchemaVersionTest {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

    @TempDir
    Path dir;

    @Test
    void theNewestVersionIsTheLastMigrationOfBothDialects() throws IOException, URISyntaxException {
        for (String dialect : new String[] {"sqlite", "postgresql"}) {
            Path folder = Path.of(getClass().getResource("/db/migration/" + dialect).toURI());
            int newest;
            try (Stream<Path> files = Files.list(folder)) {
                newest = files.map(f -> MIGRATION.matcher(f.getFileName().toString())).filter(Matcher::matches)
                        .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
            }
            assertThat(String.valueOf(newest)).as(dialect).isEqualTo(SchemaVersion.NEWEST);
        }
    }

    @Test
    void aNewDatabaseIsMigratedAndThenRecognisedAsNewest() {
        DatabaseLocation location = DatabaseLocation.sqlite(dir.resolve("new.db"));
        assertThat(SchemaVersion.isNewest(Database.dataSource(location))).isFalse();
        Database.open(location).close();
        assertThat(SchemaVersion.isNewest(Database.dataSource(location))).isTrue();
        Database.open(location).close();
    }

    @Test
    void aDatabaseWhoseLastMigrationFailedIsLeftToFlywayToReport() {
        DatabaseLocation location = DatabaseLocation.sqlite(dir.resolve("failed.db"));
        try (Database database = Database.open(location)) {
            database.handle().execute("UPDATE flyway_schema_history SET success = 0 WHERE version = ?", SchemaVersion.NEWEST);
        }
        assertThat(SchemaVersion.isNewest(Database.dataSource(location))).isFalse();
        assertThatThrownBy(() -> Database.open(location)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot prepare the database").hasMessageContaining("failed");
    }

    @Test
    void aDatabaseFromAnOlderReleaseIsMigrated() {
        DatabaseLocation location = DatabaseLocation.sqlite(dir.resolve("old.db"));
        org.flywaydb.core.Flyway.configure().dataSource(Database.dataSource(location))
                .locations(location.dialect().migrationLocation()).target("3").load().migrate();
        assertThat(SchemaVersion.isNewest(Database.dataSource(location))).isFalse();
        Database.open(location).close();
        assertThat(SchemaVersion.isNewest(Database.dataSource(location))).isTrue();
    }
}
