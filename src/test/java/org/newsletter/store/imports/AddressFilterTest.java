package org.newsletter.store.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.store.Database;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.internal.Sql;

/** The filter's "no" must be certain, its "maybe" rare for addresses it has not seen. */
class AddressFilterTest {

    @TempDir
    Path dir;

    @Test
    void everyAddressAddedIsReportedAndFewNewOnesAre() throws SQLException {
        int keys = 200_000;
        DatabaseLocation location = DatabaseLocation.sqlite(dir.resolve("empty.db"));
        try (Database database = Database.open(location)) {
            Connection connection = database.handle().getConnection();
            AddressFilter filter = AddressFilter.load(connection, new Sql(), 0, keys);
            int falseMaybes = 0;
            for (int i = 0; i < keys; i++) {
                if (filter.addAndCheck("person" + i + "@example.org")) {
                    falseMaybes++;
                }
            }
            for (int i = 0; i < keys; i++) {
                assertThat(filter.addAndCheck("person" + i + "@example.org")).as("added before").isTrue();
            }
            // 16 bits a key and 5 probes: about 0.1 % once full, less while it fills.
            assertThat(falseMaybes).isLessThan(keys / 200);
        }
    }

    @Test
    void addressesInTheDatabaseAreInTheFilterFromTheStart() throws SQLException {
        DatabaseLocation location = DatabaseLocation.sqlite(dir.resolve("some.db"));
        try (Database database = Database.open(location)) {
            database.handle().execute("INSERT INTO subscriber (id, email, email_key, name, created_at, updated_at) VALUES "
                    + "(1, 'Ann@Example.org', 'ann@example.org', 'Ann', 0, 0)");
            AddressFilter filter = AddressFilter.load(database.handle().getConnection(), new Sql(), 1, 10);
            assertThat(filter.addAndCheck("ann@example.org")).isTrue();
        }
    }

    /** The import's filter of hashed addresses that left a list: asking leaves it unchanged, and every key in it is a "maybe". */
    @Test
    void askingWithoutAddingFindsEveryKeyLoadedAndFewOthers() throws SQLException {
        DatabaseLocation location = DatabaseLocation.sqlite(dir.resolve("markers.db"));
        try (Database database = Database.open(location)) {
            database.handle().execute("INSERT INTO mailing_list (id, slug, name, created_at) VALUES (1, 'news', 'News', 0)");
            for (int i = 0; i < 2_000; i++) {
                database.handle().execute("INSERT INTO withdrawn_consent (list_id, email_hash, at) VALUES (1, ?, 0)",
                        org.newsletter.store.internal.EmailHash.of("left" + i + "@example.org"));
            }
            AddressFilter loaded;
            try (var query = database.handle().getConnection().prepareStatement(new Sql().get("import-withdrawn-hashes"))) {
                query.setLong(1, 1);
                loaded = AddressFilter.load(query, 2_000);
            }
            AddressFilter filter = loaded;
            for (int i = 0; i < 2_000; i++) {
                assertThat(filter.mightContain(org.newsletter.store.internal.EmailHash.of("left" + i + "@example.org"))).isTrue();
            }
            int falseMaybes = 0;
            for (int i = 0; i < 100_000; i++) {
                if (filter.mightContain(org.newsletter.store.internal.EmailHash.of("stayed" + i + "@example.org"))) {
                    falseMaybes++;
                }
            }
            assertThat(falseMaybes).as("the filter is at least 64 Kbit: far fewer maybes than 16 bits a key would give").isLessThan(100);
            String unseen = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> org.newsletter.store.internal.EmailHash.of("other" + i + "@example.org"))
                    .filter(h -> !filter.mightContain(h)).findFirst().orElseThrow();
            assertThat(filter.mightContain(unseen)).as("asking added nothing").isFalse();
        }
    }
}
