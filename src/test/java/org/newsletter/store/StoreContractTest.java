package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.ListVisibility;
import org.newsletter.model.MailingList;
import org.newsletter.model.Subscriber;
import org.newsletter.model.SubscriberDetails;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.model.SuppressionReason;
import org.newsletter.model.UserInputException;
import org.newsletter.model.WithdrawnConsent;
import org.newsletter.store.csv.CsvExportWriter;
import org.newsletter.store.csv.CsvImportReader;
import org.newsletter.store.csv.ExportRow;
import org.newsletter.store.imports.ImportReport;
import org.newsletter.store.imports.SubscriberImport;
import org.newsletter.store.segment.SegmentParser;

/**
 * What every store backend must do, run against SQLite and PostgreSQL alike (see the subclasses).
 */
abstract class StoreContractTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-08-01T09:00:00Z"), ZoneOffset.UTC);

    Store store;
    MailingList news;

    /** A fresh, empty database for one test. */
    abstract DatabaseLocation freshDatabase();

    /** Called after each test with what {@link #freshDatabase()} returned. */
    void dispose(DatabaseLocation location) {
    }

    private DatabaseLocation location;

    @BeforeEach
    void open() {
        location = freshDatabase();
        store = Store.open(location, CLOCK);
        news = store.lists().create("news", "Monthly news", "What we did", false);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        if (location != null) {
            dispose(location);
        }
    }

    static EmailAddress address(String text) {
        return EmailAddress.parse(text);
    }

    AddOutcome add(String email, String name, Set<String> tags, Map<String, String> attributes) {
        return store.subscribers().add(new NewSubscriber(address(email), name, tags, attributes, "staff: tester", CLOCK.instant()),
                news, "staff: tester");
    }

    ImportReport importCsv(String csv, boolean dryRun, boolean update, List<String> problems) throws Exception {
        return importCsv(csv, dryRun, update, problems, 0);
    }

    ImportReport importCsv(String csv, boolean dryRun, boolean update, List<String> problems, long expectedRows) throws Exception {
        try (CsvImportReader reader = CsvImportReader.open(new StringReader(csv))) {
            return new SubscriberImport(store).run(reader, news, new SubscriberImport.Options(dryRun, update, "import: test.csv", expectedRows),
                    (line, reason) -> problems.add(line + ": " + reason), rows -> { });
        }
    }

    List<String> emails(String segment, MailingList list, SubscriptionStatus status) {
        List<String> emails = new ArrayList<>();
        store.listing().forEach(new SubscriberQuery(list, status, segment == null ? null : SegmentParser.parse(segment)),
                row -> emails.add(row.subscriber().email()));
        return emails;
    }

    @Test
    void listsAreCreatedOnceAndCounted() {
        assertThatThrownBy(() -> store.lists().create("news", "Again", null, false)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> store.lists().create("News Letter", "x", null, false)).hasMessageContaining("lower-case");
        store.lists().create("events", "Events", null, true);
        add("a@example.org", "A", Set.of(), Map.of());
        add("b@example.org", "B", Set.of(), Map.of());
        store.subscribers().unsubscribe(address("b@example.org"), news, "test");
        assertThat(store.lists().summaries()).extracting(s -> s.list().slug() + " " + s.subscribed() + "/" + s.pending() + "/" + s.unsubscribed())
                .containsExactly("events 0/0/0", "news 1/0/1");
        assertThat(store.lists().find("events").orElseThrow().doubleOptIn()).isTrue();
        assertThatThrownBy(() -> store.lists().require("nope")).hasMessageContaining("no list 'nope'").hasMessageContaining("events, news");
    }

    @Test
    void addressesAreUniqueWhateverTheirCaseAndKeepTheirSpelling() {
        assertThat(add("Ann.Lee+news@Example.ORG", "Ann", Set.of("cuppa"), Map.of("city", "Leeds"))).isEqualTo(AddOutcome.ADDED);
        assertThat(add("ann.lee+NEWS@example.org", "", Set.of("drop-in"), Map.of("plan", "free"))).isEqualTo(AddOutcome.ALREADY_SUBSCRIBED);
        SubscriberDetails details = store.subscribers().details(address("ANN.LEE+news@example.org")).orElseThrow();
        assertThat(details.subscriber().email()).isEqualTo("Ann.Lee+news@example.org");
        assertThat(details.subscriber().name()).isEqualTo("Ann");
        assertThat(details.subscriber().tags()).as("kept, as an import keeps them without --update").containsExactly("cuppa");
        assertThat(details.subscriber().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("city", "Leeds"));
        assertThat(details.subscriber().consentSource()).isEqualTo("staff: tester");
        assertThat(details.subscriptions()).singleElement().satisfies(s -> {
            assertThat(s.listSlug()).isEqualTo("news");
            assertThat(s.status()).isEqualTo(SubscriptionStatus.SUBSCRIBED);
        });
    }

    @Test
    void unsubscribedPeopleAreNeverResubscribedByStaffAndHistoryIsKept() {
        add("a@example.org", "A", Set.of(), Map.of());
        assertThat(store.subscribers().unsubscribe(address("a@example.org"), news, "one-click")).isTrue();
        assertThat(store.subscribers().unsubscribe(address("a@example.org"), news, "again")).isFalse();
        assertThatThrownBy(() -> add("A@example.org", "A", Set.of(), Map.of()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("only they can subscribe again");
        SubscriberDetails details = store.subscribers().details(address("a@example.org")).orElseThrow();
        assertThat(details.history()).extracting(c -> c.status().word() + " " + c.how())
                .containsExactly("subscribed staff: tester", "unsubscribed one-click");
    }

    @Test
    void addingSomeoneOnFileKeepsTheirDetailsUnlessToldToUpdateThemAndSaysWhatDiffered() {
        add("Ann@Example.org", "Ann Lee", Set.of("cuppa"), Map.of("city", "Leeds"));
        MailingList events = store.lists().create("events", "Events", null, false);
        AddResult kept = store.subscribers().add(new NewSubscriber(address("ann@example.org"), "Ann L", Set.of("cuppa", "drop-in"),
                Map.of("city", "York", "plan", "free"), "staff: tester", CLOCK.instant()), events, "staff: tester", false);
        assertThat(kept.outcome()).isEqualTo(AddOutcome.SUBSCRIBED);
        assertThat(kept.updated()).isFalse();
        assertThat(kept.subscriber().email()).as("the address as stored").isEqualTo("Ann@example.org");
        assertThat(kept.subscriber().name()).isEqualTo("Ann Lee");
        assertThat(kept.differences().name()).isEqualTo("Ann L");
        assertThat(kept.differences().tags()).containsExactly("drop-in");
        assertThat(kept.differences().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("city", "York", "plan", "free"));
        assertThat(store.subscribers().require(address("ann@example.org")).name()).isEqualTo("Ann Lee");

        AddResult updated = store.subscribers().add(new NewSubscriber(address("ann@example.org"), "Ann L", Set.of("drop-in"),
                Map.of("city", "York"), "staff: tester", CLOCK.instant()), events, "staff: tester", true);
        assertThat(updated.outcome()).isEqualTo(AddOutcome.ALREADY_SUBSCRIBED);
        assertThat(updated.updated()).isTrue();
        assertThat(updated.subscriber().name()).isEqualTo("Ann L");
        assertThat(updated.subscriber().tags()).containsExactly("cuppa", "drop-in");
        assertThat(updated.subscriber().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("city", "York"));
    }

    @Test
    void untagSaysWhichTagsThePersonDidNotHave() {
        add("a@example.org", "A", Set.of("cuppa", "volunteer"), Map.of());
        assertThat(store.subscribers().untag(address("a@example.org"), List.of("nosuch"))).containsExactly("nosuch");
        assertThat(store.subscribers().require(address("a@example.org")).tags()).containsExactly("cuppa", "volunteer");
        assertThat(store.subscribers().untag(address("a@example.org"), List.of("cuppa", "nosuch"))).containsExactly("nosuch");
        assertThat(store.subscribers().require(address("a@example.org")).tags()).containsExactly("volunteer");
    }

    /**
     * Judy's story (issue 15): she unsubscribes with the one-click link, staff remove her, and next
     * month's import of the old Mailchimp file would have subscribed her again.
     */
    @Test
    void removingSomeoneWhoLeftKeepsAMarkerByHashThatAddAndImportRespect() throws Exception {
        MailingList events = store.lists().create("events", "Events", null, false);
        add("judy@example.org", "Judy", Set.of(), Map.of());
        store.subscribers().add(new NewSubscriber(address("judy@example.org"), "", null, null, "staff: tester", null), events, "staff: tester");
        long judy = store.subscribers().require(address("judy@example.org")).id();
        assertThat(store.selfService().unsubscribe(judy, news.id(), "one-click (RFC 8058)")).isTrue();
        assertThat(store.subscribers().remove(address("judy@example.org"))).isTrue();

        assertThat(store.subscribers().find(address("judy@example.org"))).isEmpty();
        assertThat(store.withdrawnConsents().of(address("Judy@Example.org"))).singleElement().satisfies(w -> {
            assertThat(w.listSlug()).isEqualTo("news");
            assertThat(w.how()).isEqualTo("one-click (RFC 8058)");
            assertThat(w.at()).isEqualTo(CLOCK.instant());
        });
        try (var rows = store.database().handle().createQuery("SELECT * FROM withdrawn_consent").mapToMap().stream()) {
            assertThat(rows.toList()).singleElement().asString().doesNotContain("judy").contains(org.newsletter.store.internal.EmailHash.of("judy@example.org"));
        }

        assertThatThrownBy(() -> add("JUDY@example.org", "Judy", Set.of(), Map.of())).isInstanceOf(UserInputException.class)
                .hasMessage("JUDY@example.org unsubscribed from 'news' on 2024-08-01 (one-click (RFC 8058)) before being removed; "
                        + "only they can subscribe again (through the subscribe form)");
        List<String> problems = new ArrayList<>();
        ImportReport report = importCsv("Email Address,First Name,Last Name\nann@example.org,Ann,Lee\njudy@example.org,Judy,Hopps\n", false, false, problems);
        assertThat(report.added()).isEqualTo(1);
        assertThat(report.skippedByReason()).containsExactly(Map.entry("unsubscribed", 1L));
        assertThat(problems).containsExactly(
                "3: judy@example.org unsubscribed from 'news' on 2024-08-01 (one-click (RFC 8058)) before being removed and is not resubscribed");
        assertThat(store.subscribers().find(address("judy@example.org"))).isEmpty();

        // She left news, not events: staff may add her there, and the marker still keeps her off news.
        store.subscribers().add(new NewSubscriber(address("judy@example.org"), "Judy", null, null, "staff: tester", null), events, "staff: tester");
        assertThatThrownBy(() -> add("judy@example.org", "", Set.of(), Map.of())).hasMessageContaining("before being removed");
        assertThat(importCsv("email\njudy@example.org\n", false, false, new ArrayList<>()).skippedByReason()).containsEntry("unsubscribed", 1L);
        assertThat(emails(null, news, null)).containsExactly("ann@example.org");
        // A row that itself says "unsubscribed" (our own export) subscribes nobody, so it may come in.
        assertThat(importCsv("email,name,status,tags,attributes,consent_source,consent_at,created_at\njudy@example.org,Judy,unsubscribed,,,,,\n", false, false, new ArrayList<>()).skippedCount()).isZero();
        assertThat(emails(null, news, SubscriptionStatus.UNSUBSCRIBED)).containsExactly("judy@example.org");
    }

    /** The marker check is one query per batch whether the import is small or large, across batches. */
    @ParameterizedTest(name = "expected rows {0}")
    @ValueSource(longs = {0, 1_000_000})
    void aLargeImportSkipsEveryoneWhoLeftBeforeBeingRemoved(long expectedRows) throws Exception {
        int rows = SubscriberImport.BATCH * 2 + 11;
        for (int i = 0; i < rows; i += 997) {
            add("person" + i + "@example.org", "", Set.of(), Map.of());
            store.subscribers().unsubscribe(address("person" + i + "@example.org"), news, "staff: tester");
            store.subscribers().remove(address("person" + i + "@example.org"));
        }
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Person").append(i).append("@example.org\n");
        }
        List<String> problems = new ArrayList<>();
        ImportReport report = importCsv(csv.toString(), false, false, problems, expectedRows);
        long left = (rows + 996) / 997;
        assertThat(report.skippedByReason()).containsExactly(Map.entry("unsubscribed", left));
        assertThat(report.added()).isEqualTo(rows - left);
        assertThat(problems).hasSize((int) left).allMatch(p -> p.contains("before being removed and is not resubscribed"));
        assertThat(emails(null, news, null)).hasSize((int) (rows - left)).doesNotContain("Person997@example.org");
    }

    @Test
    void erasureLeavesTheSameMarkersAsARemoval() {
        MailingList events = store.lists().create("events", "Events", null, false);
        add("pat@example.org", "Pat", Set.of(), Map.of());
        store.subscribers().add(new NewSubscriber(address("pat@example.org"), "", null, null, "staff: tester", null), events, "staff: tester");
        store.subscribers().unsubscribe(address("pat@example.org"), events, "staff: tester");
        assertThat(store.personalData().erase(address("pat@example.org"))).isTrue();
        PersonalData.Held held = store.personalData().held(address("pat@example.org"));
        assertThat(held.details()).isEmpty();
        assertThat(held.withdrawnConsent()).extracting(WithdrawnConsent::listSlug).containsExactly("events");
        assertThat(held.isEmpty()).isFalse();
    }

    @Test
    void listsArePublicUnlessMadePrivateAndOnlyPublicOnesAreOffered() {
        MailingList staff = store.lists().create("staff", "Staff", null, false, ListVisibility.PRIVATE);
        assertThat(staff.isPublic()).isFalse();
        assertThat(news.visibility()).isEqualTo(ListVisibility.PUBLIC);
        assertThat(store.lists().publicLists()).extracting(MailingList::slug).containsExactly("news");
        assertThat(store.lists().setVisibility("staff", ListVisibility.PUBLIC).isPublic()).isTrue();
        assertThat(store.lists().setVisibility("news", ListVisibility.PRIVATE).visibility()).isEqualTo(ListVisibility.PRIVATE);
        assertThat(store.lists().publicLists()).extracting(MailingList::slug).containsExactly("staff");
        assertThat(store.lists().summaries()).extracting(l -> l.list().slug() + " " + l.list().visibility().word())
                .containsExactly("news private", "staff public");
    }

    @Test
    void suppressedAddressesAreNeverAdded() {
        store.suppressions().suppress(address("bounce@example.org"), SuppressionReason.HARD_BOUNCE, "550 5.1.1", true);
        assertThatThrownBy(() -> add("Bounce@Example.org", "", Set.of(), Map.of()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("suppressed (hard-bounce");
        assertThat(store.subscribers().find(address("bounce@example.org"))).isEmpty();
    }

    /**
     * Issue 15: a removal keeps a suppression, as it keeps the lists the person left, by the hash of the
     * address alone; it used to keep the readable address, in its own column and in the server's reply.
     */
    @Test
    void removingASuppressedPersonKeepsTheSuppressionByTheHashAlone() throws Exception {
        add("Bob@example.org", "Bob", Set.of(), Map.of());
        store.suppressions().suppress(address("bob@example.org"), SuppressionReason.HARD_BOUNCE,
                "550 5.1.1 <Bob@Example.org>: Recipient address rejected: User unknown", true);
        assertThat(store.subscribers().remove(address("bob@example.org"))).isTrue();

        assertThat(store.suppressions().find(address("BOB@example.org"))).hasValueSatisfying(s -> {
            assertThat(s.email()).isNull();
            assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
            assertThat(s.note()).isEqualTo("550 5.1.1 <(address not kept)>: Recipient address rejected: User unknown");
        });
        try (var rows = store.database().handle().createQuery("SELECT * FROM suppression").mapToMap().stream()) {
            assertThat(rows.toList()).singleElement().asString().doesNotContainIgnoringCase("bob@example.org");
        }
        assertThatThrownBy(() -> add("bob@example.org", "Bob", Set.of(), Map.of())).hasMessageContaining("suppressed (hard-bounce");
        assertThat(importCsv("email\nbob@example.org\n", false, false, new ArrayList<>()).skippedByReason()).containsEntry("suppressed", 1L);
    }

    @Test
    void removeDeletesEverythingAboutThePerson() {
        add("a@example.org", "A", Set.of("t"), Map.of("k", "v"));
        assertThat(store.subscribers().remove(address("a@example.org"))).isTrue();
        assertThat(store.subscribers().remove(address("a@example.org"))).isFalse();
        assertThat(store.subscribers().details(address("a@example.org"))).isEmpty();
        assertThat(emails(null, null, null)).isEmpty();
        assertThat(store.lists().summaries().get(0).subscribed()).isZero();
    }

    @Test
    void tagsComeAndGo() {
        add("a@example.org", "A", Set.of("one"), Map.of());
        store.subscribers().tag(address("a@example.org"), List.of("two", "three"));
        store.subscribers().untag(address("a@example.org"), List.of("one"));
        assertThat(store.subscribers().find(address("a@example.org")).orElseThrow().tags()).containsExactly("three", "two");
        assertThatThrownBy(() -> store.subscribers().tag(address("nobody@example.org"), List.of("x"))).hasMessageContaining("no subscriber");
    }

    @Test
    void listingFiltersByListStatusAndSegmentInAddressOrder() {
        MailingList events = store.lists().create("events", "Events", null, false);
        add("c@example.org", "C", Set.of("cuppa"), Map.of("city", "London"));
        add("a@example.org", "A", Set.of("cuppa", "drop-in"), Map.of("city", "Leeds"));
        add("b@example.org", "B", Set.of(), Map.of("city", "London"));
        store.subscribers().add(new NewSubscriber(address("b@example.org"), "", Set.of(), Map.of(), "", null), events, "test");
        store.subscribers().unsubscribe(address("c@example.org"), news, "test");

        assertThat(emails(null, null, null)).containsExactly("a@example.org", "b@example.org", "c@example.org");
        assertThat(emails(null, news, SubscriptionStatus.SUBSCRIBED)).containsExactly("a@example.org", "b@example.org");
        assertThat(emails("tag:cuppa", null, null)).containsExactly("a@example.org", "c@example.org");
        assertThat(emails("tag:cuppa and not attr.city=London", null, null)).containsExactly("a@example.org");
        assertThat(emails("attr.city=London or tag:drop-in", news, null)).containsExactly("a@example.org", "b@example.org", "c@example.org");
        assertThat(emails("status:unsubscribed", news, null)).containsExactly("c@example.org");
        assertThat(emails(null, events, null)).containsExactly("b@example.org");
        List<SubscriberRow> rows = new ArrayList<>();
        store.listing().forEach(SubscriberQuery.everyone(), rows::add);
        assertThat(rows.get(1).status()).contains("events:subscribed").contains("news:subscribed");
        assertThat(rows.get(0).subscriber().tags()).containsExactly("cuppa", "drop-in");
        assertThat(rows.get(0).subscriber().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("city", "Leeds"));
    }

    @Test
    void importReportsBadRowsByLineMergesDuplicatesAndIsIdempotent() throws Exception {
        String csv = """
                email,name,city
                ann@example.org,Ann,Leeds
                not-an-address,Bob,York
                "cat@example.org","Cat, the ""Great""\",London
                ANN@example.org,,Hull
                ,Nobody,
                dan@example.org,Dan,
                """;
        List<String> problems = new ArrayList<>();
        ImportReport first = importCsv(csv, false, false, problems);
        assertThat(first.added()).isEqualTo(3);
        assertThat(first.skippedByReason()).containsEntry("invalid address", 1L).containsEntry("unreadable row", 1L)
                .containsEntry("duplicate (merged)", 1L);
        assertThat(problems).anyMatch(p -> p.startsWith("3: invalid address 'not-an-address'"))
                .contains("5: ANN@example.org: same address as line 2; line 2's details stand, this row only fills in what it left empty")
                .anyMatch(p -> p.startsWith("6: ") && p.contains("no email address"));
        SubscriberDetails cat = store.subscribers().details(address("cat@example.org")).orElseThrow();
        assertThat(cat.subscriber().name()).isEqualTo("Cat, the \"Great\"");
        assertThat(cat.subscriber().consentSource()).isEqualTo("import: test.csv");
        assertThat(store.subscribers().find(address("ann@example.org")).orElseThrow().attributes()).containsEntry("city", "Leeds");

        ImportReport again = importCsv(csv, false, false, new ArrayList<>());
        assertThat(again.added()).isZero();
        assertThat(again.updatedCount()).isZero();
        assertThat(again.unchangedCount()).isEqualTo(3);
        ImportReport againWithUpdate = importCsv(csv, false, true, new ArrayList<>());
        assertThat(againWithUpdate.updatedCount()).isZero();
        assertThat(againWithUpdate.unchangedCount()).isEqualTo(3);
    }

    /** Two rows for one address are one person: the second cannot put its name to the first row's address. */
    @Test
    void theFirstRowOfAnAddressWinsAndLaterRowsOnlyFillInWhatItLeftEmpty() throws Exception {
        String csv = """
                email,name,city,phone,tags
                grace@example.org,Grace Hopper,,,
                GRACE@Example.org,Grace H.,New York,555,navy
                Grace@EXAMPLE.org,G.,Boston,556,cobol
                """;
        List<String> problems = new ArrayList<>();
        ImportReport report = importCsv(csv, false, false, problems);
        assertThat(report.added()).isEqualTo(1);
        assertThat(report.skippedByReason()).containsExactly(Map.entry("duplicate (merged)", 2L));
        assertThat(problems).containsExactly(
                "3: GRACE@Example.org: same address as line 2; line 2's details stand, this row only fills in what it left empty",
                "4: Grace@EXAMPLE.org: same address as line 2; line 2's details stand, this row only fills in what it left empty");
        SubscriberDetails grace = store.subscribers().details(address("grace@example.org")).orElseThrow();
        assertThat(grace.subscriber().email()).isEqualTo("grace@example.org");
        assertThat(grace.subscriber().name()).isEqualTo("Grace Hopper");
        assertThat(grace.subscriber().attributes()).containsOnly(Map.entry("city", "New York"), Map.entry("phone", "555"));
        assertThat(grace.subscriber().tags()).containsExactly("navy");
    }

    /** A later row that unsubscribes is the exception: withdrawn consent is never lost to an earlier row, in the same batch or a later one. */
    @ParameterizedTest(name = "rows between: {0}")
    @ValueSource(ints = {0, SubscriberImport.BATCH * 2})
    void aLaterRowThatUnsubscribesIsKept(int between) throws Exception {
        StringBuilder csv = new StringBuilder("email,name,status,tags,attributes,consent_source,consent_at,created_at\n");
        csv.append("ann@example.org,Ann,subscribed,,\"{\"\"city\"\":\"\"Leeds\"\"}\",,,\n");
        for (int i = 0; i < between; i++) {
            csv.append("f").append(i).append("@example.org,F,subscribed,,,,,\n");
        }
        csv.append("ANN@example.org,Ann Other,unsubscribed,,\"{\"\"city\"\":\"\"York\"\"}\",,,\n");
        List<String> problems = new ArrayList<>();
        ImportReport report = importCsv(csv.toString(), false, false, problems, between);
        assertThat(report.added()).isEqualTo(1 + between);
        assertThat(problems).containsExactly((between + 3) + ": " + (between == 0 ? "ANN@example.org" : "ANN@example.org")
                + ": same address as line 2; line 2's details stand, this row only fills in what it left empty; unsubscribed, as this row says");
        SubscriberDetails ann = store.subscribers().details(address("ann@example.org")).orElseThrow();
        assertThat(ann.subscriber().name()).isEqualTo("Ann");
        assertThat(ann.subscriber().attributes()).containsOnly(Map.entry("city", "Leeds"));
        assertThat(ann.subscriptions()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(SubscriptionStatus.UNSUBSCRIBED));
    }

    @Test
    void importNeverResubscribesTheUnsubscribedOrSuppressedAndOnlyUpdatesWhenAsked() throws Exception {
        add("gone@example.org", "Gone", Set.of(), Map.of());
        store.subscribers().unsubscribe(address("gone@example.org"), news, "one-click");
        store.suppressions().suppress(address("bounced@example.org"), SuppressionReason.HARD_BOUNCE, "", true);
        add("stay@example.org", "Old name", Set.of(), Map.of());
        String csv = "email,name\ngone@example.org,Gone\nBOUNCED@example.org,B\nstay@example.org,New name\n";
        List<String> problems = new ArrayList<>();
        ImportReport report = importCsv(csv, false, false, problems);
        assertThat(report.skippedByReason()).containsEntry("unsubscribed", 1L).containsEntry("suppressed", 1L);
        assertThat(report.unchangedCount()).isEqualTo(1);
        assertThat(problems).anyMatch(p -> p.startsWith("2: ")).anyMatch(p -> p.startsWith("3: "));
        assertThat(store.subscribers().find(address("stay@example.org")).orElseThrow().name()).isEqualTo("Old name");
        assertThat(store.subscribers().details(address("gone@example.org")).orElseThrow().subscriptions().get(0).status())
                .isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
        assertThat(store.subscribers().find(address("bounced@example.org"))).isEmpty();

        ImportReport updated = importCsv(csv, false, true, new ArrayList<>());
        assertThat(updated.updatedCount()).isEqualTo(1);
        assertThat(store.subscribers().find(address("stay@example.org")).orElseThrow().name()).isEqualTo("New name");
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        ImportReport report = importCsv("email\nx@example.org\ny@example.org\n", true, false, new ArrayList<>());
        assertThat(report.added()).isEqualTo(2);
        assertThat(emails(null, null, null)).isEmpty();
    }

    /** Run as a small import (every address looked up) and as a large one (an AddressFilter first). */
    @ParameterizedTest(name = "expected rows {0}")
    @ValueSource(longs = {0, 1_000_000})
    void largeImportsSpanManyBatchesAndDuplicatesAcrossBatchesMerge(long expectedRows) throws Exception {
        add("person3@example.org", "Already here", Set.of(), Map.of());
        MailingList events = store.lists().create("events", "Events", "", false);
        store.subscribers().add(new NewSubscriber(address("elsewhere@example.org"), "Other list", Set.of(), Map.of(), "staff: tester", CLOCK.instant()),
                events, "staff: tester");
        StringBuilder csv = new StringBuilder("email,name,n\n");
        csv.append("nameless@example.org,,\n");
        int rows = SubscriberImport.BATCH * 2 + 17;
        for (int i = 0; i < rows; i++) {
            csv.append("person").append(i).append("@example.org,Person ").append(i).append(',').append(i).append('\n');
        }
        csv.append("PERSON7@example.org,Seven,again\n");
        csv.append("Elsewhere@Example.org,Joins news too,x\n");
        csv.append("NAMELESS@example.org,Named later,1\n");
        List<String> problems = new ArrayList<>();
        ImportReport report = importCsv(csv.toString(), false, false, problems, expectedRows);
        assertThat(report.added()).isEqualTo(rows);
        assertThat(report.unchangedCount()).isEqualTo(1);
        assertThat(report.updatedCount()).isEqualTo(1);
        assertThat(report.skippedByReason()).containsExactly(Map.entry("duplicate (merged)", 2L));
        // The first rows of these addresses went in two batches earlier: the database knows them, and the import still knows their lines
        assertThat(problems).containsExactly(
                (rows + 3) + ": PERSON7@example.org: same address as line 10; line 10's details stand, this row only fills in what it left empty",
                (rows + 5) + ": NAMELESS@example.org: same address as line 2; line 2's details stand, this row only fills in what it left empty");
        assertThat(store.lists().require("news").id()).isEqualTo(news.id());
        assertThat(store.lists().summaries()).filteredOn(l -> l.list().slug().equals("news")).singleElement()
                .satisfies(l -> assertThat(l.subscribed()).isEqualTo(rows + 2));
        Subscriber seven = store.subscribers().find(address("person7@example.org")).orElseThrow();
        assertThat(seven.name()).isEqualTo("Person 7");
        assertThat(seven.attributes()).containsOnly(Map.entry("n", "7"));
        Subscriber nameless = store.subscribers().find(address("nameless@example.org")).orElseThrow();
        assertThat(nameless.email()).isEqualTo("nameless@example.org");
        assertThat(nameless.name()).as("filled in: the first row had none").isEqualTo("Named later");
        assertThat(nameless.attributes()).containsOnly(Map.entry("n", "1"));
        assertThat(store.subscribers().find(address("person3@example.org")).orElseThrow().name()).isEqualTo("Already here");

        ImportReport again = importCsv(csv.toString(), false, false, new ArrayList<>(), expectedRows);
        assertThat(again.added()).isZero();
        assertThat(again.updatedCount()).isZero();
        assertThat(again.unchangedCount()).isGreaterThanOrEqualTo(rows + 1);
    }

    /** SQLite's import switches foreign-key checks off for its transaction; removing someone afterwards must still take their subscriptions with them. */
    @Test
    void removingSomeoneAfterAnImportTakesTheirSubscriptionsToo() throws Exception {
        importCsv("email,name\nann@example.org,Ann\nbob@example.org,Bob\n", false, false, new ArrayList<>());
        assertThat(store.subscribers().remove(address("ann@example.org"))).isTrue();
        assertThat(store.lists().summaries().get(0).subscribed()).isEqualTo(1);
        importCsv("email,name\ncy@example.org,Cy\n", true, false, new ArrayList<>());
        assertThat(store.subscribers().remove(address("bob@example.org"))).isTrue();
        assertThat(store.lists().summaries().get(0).subscribed()).isZero();
    }

    @Test
    void exportRoundTripsThroughImport() throws Exception {
        add("a@example.org", "=HYPERLINK(\"x\")", Set.of("cuppa", "drop-in"), Map.of("city", "Leeds", "note", "+44 1234"));
        // a line break only where import allows one: in an attribute, not in a name
        add("b@example.org", "Bé, \"quoted\"", Set.of(), Map.of("note", "first line\nnew line"));
        store.subscribers().unsubscribe(address("b@example.org"), news, "test");
        StringWriter out = new StringWriter();
        try (CsvExportWriter writer = CsvExportWriter.open(out)) {
            store.listing().forEach(new SubscriberQuery(news, null, null), row -> write(writer, new ExportRow(
                    row.subscriber().email(), row.subscriber().name(), row.status(), row.subscriber().tags(),
                    row.subscriber().attributes(), row.subscriber().consentSource(), row.subscriber().consentAt().toEpochMilli(),
                    row.subscriber().createdAt().toEpochMilli(), row.subscriber().updatedAt().toEpochMilli())));
        }
        assertThat(out.toString()).contains("'=HYPERLINK");
        store.subscribers().remove(address("a@example.org"));
        store.subscribers().remove(address("b@example.org"));
        ImportReport report = importCsv(out.toString(), false, false, new ArrayList<>());
        assertThat(report.added()).isEqualTo(2);
        SubscriberDetails a = store.subscribers().details(address("a@example.org")).orElseThrow();
        assertThat(a.subscriber().name()).isEqualTo("=HYPERLINK(\"x\")");
        assertThat(a.subscriber().tags()).containsExactly("cuppa", "drop-in");
        assertThat(a.subscriber().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("city", "Leeds", "note", "+44 1234"));
        SubscriberDetails b = store.subscribers().details(address("b@example.org")).orElseThrow();
        assertThat(b.subscriber().name()).isEqualTo("Bé, \"quoted\"");
        assertThat(b.subscriber().attributes()).containsEntry("note", "first line\nnew line");
        assertThat(b.subscriptions().get(0).status()).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
    }

    private static void write(CsvExportWriter writer, ExportRow row) {
        try {
            writer.write(row);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void erasureKeepsOnlyAHashThatStillBlocksImports() throws Exception {
        add("private@example.org", "Pat", Set.of("t"), Map.of("k", "v"));
        assertThat(store.personalData().held(address("private@example.org")).details()).isPresent();
        assertThat(store.personalData().erase(address("Private@example.org"))).isTrue();
        PersonalData.Held held = store.personalData().held(address("private@example.org"));
        assertThat(held.details()).isEmpty();
        assertThat(held.suppression()).hasValueSatisfying(s -> {
            assertThat(s.email()).isNull();
            assertThat(s.reason()).isEqualTo(SuppressionReason.ERASED);
        });
        ImportReport report = importCsv("email\nprivate@example.org\n", false, false, new ArrayList<>());
        assertThat(report.skippedByReason()).containsEntry("suppressed", 1L);
        assertThat(store.subscribers().find(address("private@example.org"))).isEmpty();
    }

    // --- what people do to their own subscriptions on the web (SelfService) ---

    @Test
    void aLinkShowsThePersonTheirListAndTheirOtherLists() {
        MailingList events = store.lists().create("events", "Event reminders", "", false);
        add("ann@example.org", "Ann", Set.of(), Map.of());
        long ann = store.subscribers().require(address("ann@example.org")).id();
        store.subscribers().add(new NewSubscriber(address("ann@example.org"), "", null, null, "staff: tester", null), events, "staff: tester");

        var membership = store.selfService().membership(ann, news.id()).orElseThrow();
        assertThat(membership.email()).isEqualTo("ann@example.org");
        assertThat(membership.list().slug()).isEqualTo("news");
        assertThat(membership.subscribed()).isTrue();
        assertThat(membership.others()).extracting(o -> o.list().slug() + ":" + o.status().word()).containsExactly("events:subscribed");
        assertThat(store.selfService().membership(ann + 1000, news.id())).as("nobody").isEmpty();
        assertThat(store.selfService().membership(ann, news.id() + 1000)).as("no such list").isEmpty();
    }

    @Test
    void unsubscribingThroughALinkIsIdempotentAndOnlyThePersonCanComeBack() {
        add("ann@example.org", "Ann", Set.of(), Map.of());
        long ann = store.subscribers().require(address("ann@example.org")).id();

        assertThat(store.selfService().unsubscribe(ann, news.id(), "one-click (RFC 8058)")).isTrue();
        assertThat(store.selfService().unsubscribe(ann, news.id(), "one-click (RFC 8058)")).isFalse();
        SubscriberDetails details = store.subscribers().details(address("ann@example.org")).orElseThrow();
        assertThat(details.history()).filteredOn(c -> c.status() == SubscriptionStatus.UNSUBSCRIBED).hasSize(1);
        assertThatThrownBy(() -> add("ann@example.org", "Ann", Set.of(), Map.of())).isInstanceOf(UserInputException.class);

        assertThat(store.selfService().resubscribe(ann, news.id(), "resubscribed")).isEqualTo(SelfService.Confirmation.SUBSCRIBED);
        assertThat(store.selfService().resubscribe(ann, news.id(), "resubscribed")).isEqualTo(SelfService.Confirmation.ALREADY_SUBSCRIBED);
        store.suppressions().suppress(address("ann@example.org"), SuppressionReason.COMPLAINT, "", true);
        store.selfService().unsubscribe(ann, news.id(), "page");
        assertThat(store.selfService().resubscribe(ann, news.id(), "resubscribed")).isEqualTo(SelfService.Confirmation.SUPPRESSED);
    }

    @Test
    void aFormRequestIsPendingOnADoubleOptInListAndConsentIsWhenConfirmed() {
        MailingList confirmed = store.lists().create("confirmed", "Confirmed news", "", true);
        var requested = store.selfService().request(address("New.Person@Example.org"), "New Person", confirmed, "subscribe form");
        assertThat(requested.outcome()).isEqualTo(SelfService.Request.PENDING);
        var person = store.subscribers().require(address("new.person@example.org"));
        assertThat(person.email()).isEqualTo("New.Person@example.org");
        assertThat(person.consentAt()).as("no consent before confirming").isNull();
        assertThat(store.selfService().membership(person.id(), confirmed.id()).orElseThrow().status()).contains(SubscriptionStatus.PENDING);

        assertThat(store.selfService().confirm(requested.subscriberId(), confirmed.id(), "confirmed by email"))
                .isEqualTo(SelfService.Confirmation.SUBSCRIBED);
        assertThat(store.subscribers().require(address("new.person@example.org")).consentAt()).isEqualTo(CLOCK.instant());

        assertThat(store.selfService().request(address("new.person@example.org"), "Someone Else", confirmed, "subscribe form").outcome())
                .isEqualTo(SelfService.Request.ALREADY_SUBSCRIBED);
        assertThat(store.subscribers().require(address("new.person@example.org")).name()).as("a form never renames anyone").isEqualTo("New Person");
        assertThat(store.selfService().request(address("quick@example.org"), "", news, "subscribe form").outcome())
                .as("a list without double opt-in").isEqualTo(SelfService.Request.SUBSCRIBED);
    }

    /** Ken's story (issue 15): on a list without double opt-in, a stranger's form request must not undo his unsubscribe. */
    @Test
    void aFormRequestForSomeoneWhoLeftNeedsTheirConfirmationWhateverTheList() {
        assertThat(news.doubleOptIn()).isFalse();
        add("ken@example.org", "Ken", Set.of(), Map.of());
        long ken = store.subscribers().require(address("ken@example.org")).id();
        store.selfService().unsubscribe(ken, news.id(), "one-click (RFC 8058)");

        var requested = store.selfService().request(address("ken@example.org"), "Stranger", news, "subscribe form");
        assertThat(requested.outcome()).isEqualTo(SelfService.Request.PENDING);
        assertThat(requested.subscriberId()).isEqualTo(ken);
        assertThat(store.selfService().membership(ken, news.id()).orElseThrow().status()).as("his unsubscribe stands")
                .contains(SubscriptionStatus.UNSUBSCRIBED);
        assertThatThrownBy(() -> add("ken@example.org", "", Set.of(), Map.of())).hasMessageContaining("unsubscribed from 'news'");
        assertThat(store.selfService().confirm(ken, news.id(), "confirmed by email")).isEqualTo(SelfService.Confirmation.SUBSCRIBED);
        assertThat(store.selfService().membership(ken, news.id()).orElseThrow().subscribed()).isTrue();
    }

    @Test
    void someoneRemovedAfterLeavingComesBackOnlyByConfirmingAndThatLiftsTheMarker() throws Exception {
        add("judy@example.org", "Judy", Set.of(), Map.of());
        store.subscribers().unsubscribe(address("judy@example.org"), news, "one-click (RFC 8058)");
        store.subscribers().remove(address("judy@example.org"));

        var requested = store.selfService().request(address("judy@example.org"), "", news, "subscribe form");
        assertThat(requested.outcome()).isEqualTo(SelfService.Request.PENDING);
        assertThat(store.selfService().membership(requested.subscriberId(), news.id()).orElseThrow().status()).contains(SubscriptionStatus.PENDING);
        assertThat(store.selfService().resubscribe(requested.subscriberId(), news.id(), "resubscribed"))
                .as("a pending request is not confirmed by an unsubscribe link").isEqualTo(SelfService.Confirmation.NOT_LEFT);
        assertThatThrownBy(() -> add("judy@example.org", "", Set.of(), Map.of())).as("staff cannot confirm it for her")
                .hasMessageContaining("before being removed");
        assertThat(importCsv("email\njudy@example.org\n", false, false, new ArrayList<>()).skippedByReason()).containsEntry("unsubscribed", 1L);
        assertThat(emails(null, news, SubscriptionStatus.SUBSCRIBED)).isEmpty();

        assertThat(store.selfService().confirm(requested.subscriberId(), news.id(), "confirmed by email")).isEqualTo(SelfService.Confirmation.SUBSCRIBED);
        assertThat(store.withdrawnConsents().of(address("judy@example.org"))).isEmpty();
        assertThat(emails(null, news, SubscriptionStatus.SUBSCRIBED)).containsExactly("judy@example.org");
    }

    @Test
    void aSuppressedAddressIsNeitherStoredNorSubscribedByTheForm() {
        store.suppressions().suppress(address("gone@example.org"), SuppressionReason.HARD_BOUNCE, "550 5.1.1", true);
        assertThat(store.selfService().request(address("gone@example.org"), "", news, "subscribe form").outcome())
                .isEqualTo(SelfService.Request.SUPPRESSED);
        assertThat(store.subscribers().find(address("gone@example.org")).isPresent()).isFalse();
    }
}
