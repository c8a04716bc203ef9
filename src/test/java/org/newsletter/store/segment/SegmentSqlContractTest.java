package org.newsletter.store.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.store.Database;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.internal.Dialect;

/**
 * Holds the SQL to the in-memory meaning: a random population in a real database made by the schema
 * migrations, queried with many random segments, must give exactly the subscribers {@link SegmentMatcher}
 * picks. Runs on SQLite and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SegmentSqlContractTest {

    private static final String[] TAGS = {"news", "vip", "beta", "press", "Events"};
    private static final String[] CITIES = {"Paris", "paris", "Berlin", "Oslo", "São Paulo"};
    private static final String[] PLANS = {"free", "pro"};
    private static final String[] LOCAL_PARTS = {"ann", "bob", "cy", "d_n", "dan", "e.f", "anna", "zoë"};
    private static final String[] DOMAINS = {"example.org", "Example.COM", "mail.example.org", "ex.net"};
    private static final String[] STATUSES = {null, "pending", "subscribed", "unsubscribed"};
    private static final long[] LISTS = {1, 2};

    private static final ObjectMapper JSON = new ObjectMapper();

    private Database database;
    private Handle handle;
    private final Map<Long, SubscriberFacts> population = new LinkedHashMap<>();

    /** A new, empty, migrated database. */
    abstract DatabaseLocation freshDatabase(Path dir);

    void dispose(DatabaseLocation location) {
    }

    @BeforeAll
    void createPopulation(@TempDir Path directory) {
        database = Database.open(freshDatabase(directory));
        handle = database.handle();
        for (long list : LISTS) {
            handle.execute("INSERT INTO mailing_list (id, slug, name, created_at) VALUES (?, ?, ?, 0)",
                    list, "list-" + list, "List " + list);
        }
        Random random = new Random(20261126);
        for (long id = 1; id <= 300; id++) {
            String email = LOCAL_PARTS[random.nextInt(LOCAL_PARTS.length)] + id + "@"
                    + DOMAINS[random.nextInt(DOMAINS.length)];
            Set<String> tags = new HashSet<>();
            for (String tag : TAGS) {
                if (random.nextInt(3) == 0) {
                    tags.add(tag);
                }
            }
            Map<String, String> attributes = new HashMap<>();
            if (random.nextInt(5) > 0) {
                attributes.put("city", CITIES[random.nextInt(CITIES.length)]);
            }
            if (random.nextInt(10) > 2) {
                attributes.put("plan", PLANS[random.nextInt(PLANS.length)]);
            }
            if (random.nextInt(4) == 0) {
                attributes.put("address.city", CITIES[random.nextInt(CITIES.length)]);
            }
            if (id % 3 != 0) {
                // A key with a space, as a CSV column heading makes it (no random draw, so the rest stays as it was)
                attributes.put("Phone Number", id % 2 == 0 ? "+44 20" : "+1 555");
            }
            Map<Long, String> statuses = new HashMap<>();
            for (long list : LISTS) {
                String status = STATUSES[random.nextInt(STATUSES.length)];
                if (status != null) {
                    statuses.put(list, status);
                }
            }
            insert(id, email, new SubscriberFacts(email.toLowerCase(Locale.ROOT), tags, attributes, statuses));
        }
    }

    @AfterAll
    void close() {
        if (database == null) {
            return; // createPopulation failed before opening it, and said why
        }
        DatabaseLocation location = database.location();
        database.close();
        dispose(location);
    }

    @ParameterizedTest(name = "list {0}")
    @NullSource
    @ValueSource(longs = {1, 2})
    void selectsExactlyWhatTheMatcherSelects(Long listId) {
        Random random = new Random(listId == null ? 7 : listId);
        RandomSegments segments = new RandomSegments(random,
                RandomSegments.oneOf("news", "vip", "beta", "press", "Events", "events", "nobody"),
                RandomSegments.oneOf("city", "plan", "address.city", "missing"),
                RandomSegments.oneOf("Paris", "paris", "Berlin", "Oslo", "São Paulo", "free", "pro", ""),
                RandomSegments.oneOf("*@example.org", "*example*", "a*", "*.com", "*", "b*@*", "*_*", "*%*", "ann*",
                        "*@EX.NET", "d_n*", "dan*", "*.*@*", "zoë*", "anna1*@*", ""));
        int informative = 0;
        int count = 200;
        for (int i = 0; i < count; i++) {
            Segment segment = segments.next(1 + random.nextInt(4));
            Set<Long> expected = new TreeSet<>();
            population.forEach((id, facts) -> {
                if (SegmentMatcher.matches(segment, facts, listId)) {
                    expected.add(id);
                }
            });
            assertThat(select(segment, listId)).as("%s in list %s", segment, listId).isEqualTo(expected);
            if (!expected.isEmpty() && expected.size() < population.size()) {
                informative++;
            }
        }
        assertThat(informative).as("segments choosing some but not all").isGreaterThan(count / 2);
    }

    /** Keys made from CSV headings ("Phone Number") are written in quotes, and mean the same in SQL as in memory. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"attr.\"Phone Number\"=\"+44 20\"", "attr.\"Phone Number\"!=\"+44 20\"",
        "not attr.\"Phone Number\"=\"+1 555\" and attr.city=Paris", "attr.\"Phone Number\"=\"\"", "attr.\"Phone\"=\"+44 20\""})
    void quotedAttributeNamesSelectWhatTheMatcherSelects(String text) {
        Segment segment = SegmentParser.parse(text);
        Set<Long> expected = new TreeSet<>();
        population.forEach((id, facts) -> {
            if (SegmentMatcher.matches(segment, facts, null)) {
                expected.add(id);
            }
        });
        assertThat(select(segment, null)).isEqualTo(expected);
        if (text.startsWith("attr.\"Phone Number\"=\"+")) {
            assertThat(expected).as("people with that phone number").isNotEmpty().hasSizeLessThan(population.size());
        }
    }

    @Test
    void statusMeansTheQueriedListOrElseAnyList() {
        Segment pending = SegmentParser.parse("status:pending");
        Set<Long> inList1 = select(pending, 1L);
        Set<Long> inList2 = select(pending, 2L);
        Set<Long> inAny = new TreeSet<>(inList1);
        inAny.addAll(inList2);
        assertThat(inList1).isNotEqualTo(inList2).isNotEmpty();
        assertThat(select(pending, null)).isEqualTo(inAny);
    }

    @Test
    void matchesValuesLiterallyWithoutInjectionOrWildcards(@TempDir Path elsewhere) {
        DatabaseLocation location = freshDatabase(elsewhere);
        try (Database other = Database.open(location)) {
            Handle literal = other.handle();
            insert(literal, other.dialect(), 1, "A_b%c\\d'e@x.org", Set.of("x' OR '1'='1", "it's 100%_\\ done"), Map.of("note", "50% \"off\" \\ now"));
            insert(literal, other.dialect(), 2, "axbyyc\\d'e@x.org", Set.of("it's 100xy\\ done"), Map.of("note", "50X \"off\" \\ now"));
            insert(literal, other.dialect(), 3, "a_b%cd'e@x.org", Set.of("x"), Map.of("note", "50"));
            insert(literal, other.dialect(), 4, "a!b@x.org", Set.of(), Map.of("note.x", "1", "say \"hi\"", "2"));
            insert(literal, other.dialect(), 5, "ab@x.org", Set.of(), Map.of());

            assertThat(select(literal, "tag:\"x' OR '1'='1\"")).containsExactly(1L);
            assertThat(select(literal, "tag:\"it's 100%_\\\\ done\"")).containsExactly(1L);
            assertThat(select(literal, "tag:\"it's 100__\\\\ done\"")).isEmpty();
            assertThat(select(literal, "attr.note=\"50% \\\"off\\\" \\\\ now\"")).containsExactly(1L);
            assertThat(select(literal, "attr.note!=\"50% \\\"off\\\" \\\\ now\"")).containsExactly(2L, 3L, 4L, 5L);
            assertThat(select(literal, "attr.note=\"50%\"")).isEmpty();
            assertThat(select(literal, "email:\"a_b%c\\\\d'e@*\"")).containsExactly(1L);
            assertThat(select(literal, "email:\"A_B%C\\\\D'E@X.ORG\"")).containsExactly(1L);
            assertThat(select(literal, "email:\"*_*\"")).containsExactly(1L, 3L);
            assertThat(select(literal, "email:\"*%*\"")).containsExactly(1L, 3L);
            assertThat(select(literal, "email:\"*\\\\*\"")).containsExactly(1L, 2L);
            assertThat(select(literal, "email:\"a_b%c*\"")).containsExactly(1L, 3L);
            assertThat(select(literal, "email:\"a!b*\"")).containsExactly(4L);
            assertThat(select(literal, "email:\"*!*\"")).containsExactly(4L);
            assertThat(select(literal, "email:\"a!*\"")).containsExactly(4L);
            assertThat(select(literal, "attr.note.x=1")).containsExactly(4L);
            assertThat(select(literal, "attr.\"say \\\"hi\\\"\"=2")).containsExactly(4L);
            assertThat(select(literal, "attr.\"say\"=2")).isEmpty();
        } finally {
            dispose(location);
        }
    }

    @Test
    void putsOnlyPlaceholdersInTheSqlAndGivesEachSubqueryItsOwnAlias() {
        SqlCondition condition = SegmentSql.toSql(
                SegmentParser.parse("tag:\"x' OR 1=1 --\" and not attr.city=Oslo or status:pending or email:*_x"),
                "s", 7L, SegmentSql.Json.SQLITE);
        assertThat(condition.sql()).isEqualTo("(("
                + "EXISTS (SELECT 1 FROM json_each(s.tags) t1 WHERE t1.value = ?)"
                + " AND NOT (EXISTS (SELECT 1 FROM json_each(s.attributes) a2 WHERE a2.key = ? AND a2.value = ?)))"
                + " OR EXISTS (SELECT 1 FROM subscription u3 WHERE u3.subscriber_id = s.id"
                + " AND u3.list_id = ? AND u3.status = ?)"
                + " OR s.email_key LIKE ? ESCAPE '!')");
        assertThat(condition.parameters())
                .containsExactly("x' OR 1=1 --", "city", "Oslo", 7L, "pending", "%!_x");
        assertThat(SegmentSql.toSql(SegmentParser.parse("tag:a and attr.city=Oslo"), "s", null, SegmentSql.Json.POSTGRESQL).sql())
                .isEqualTo("(s.tags @> jsonb_build_array(CAST(? AS text)) AND s.attributes @> jsonb_build_object(CAST(? AS text), CAST(? AS text)))");
    }

    @Test
    void refusesAnAliasThatIsNotAPlainIdentifierOrCollidesWithASubquery() {
        Segment segment = SegmentParser.parse("tag:a");
        assertThat(SegmentSql.toSql(segment, "sub", null, SegmentSql.Json.SQLITE).sql()).contains("json_each(sub.tags) t1");
        assertThatThrownBy(() -> SegmentSql.toSql(segment, "s; DROP TABLE subscriber", null, SegmentSql.Json.SQLITE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentSql.toSql(segment, "t1", null, SegmentSql.Json.SQLITE)).isInstanceOf(IllegalArgumentException.class);
    }

    private Set<Long> select(Segment segment, Long listId) {
        return select(handle, SegmentSql.toSql(segment, "s", listId, database.dialect().json()));
    }

    private Set<Long> select(Handle on, String segment) {
        return select(on, SegmentSql.toSql(SegmentParser.parse(segment), "s", null, database.dialect().json()));
    }

    private static Set<Long> select(Handle on, SqlCondition condition) {
        Query query = on.createQuery("SELECT s.id FROM subscriber s WHERE " + condition.sql());
        List<Object> parameters = condition.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            query.bind(i, parameters.get(i));
        }
        return new TreeSet<>(query.mapTo(Long.class).list());
    }

    private void insert(long id, String email, SubscriberFacts facts) {
        insert(handle, database.dialect(), id, email, facts.tags(), facts.attributes());
        facts.statusByListId().forEach((list, status) -> handle.execute(
                "INSERT INTO subscription (subscriber_id, list_id, status, changed_at) VALUES (?, ?, ?, 0)",
                id, list, status));
        population.put(id, facts);
    }

    /** A subscriber row as the store writes it: tags a JSON array, attributes a JSON object. */
    private static void insert(Handle on, Dialect dialect, long id, String email, Set<String> tags, Map<String, String> attributes) {
        String json = dialect == Dialect.POSTGRESQL ? "CAST(? AS jsonb)" : "?";
        try {
            on.execute("INSERT INTO subscriber (id, email, email_key, tags, attributes, created_at, updated_at) VALUES (?, ?, ?, "
                    + json + ", " + json + ", 0, 0)", id, email, email.toLowerCase(Locale.ROOT),
                    JSON.writeValueAsString(new TreeSet<>(tags)), JSON.writeValueAsString(new TreeMap<>(attributes)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
