package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.SubscriptionChange;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.StoreBackend;

/** The unsubscribe link of every message, against a real server and SQLite store. */
class UnsubscribePagesTest {

    @TempDir
    Path dir;

    SiteHarness site;

    @BeforeEach
    void start() throws Exception {
        site = SiteHarness.start(SiteHarness.workspace(dir), new CapturedMail(), "ann.lee@example.org", "bob@example.org");
        site.subscribe("ann.lee@example.org", "events");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void getShowsTheListAndAMaskedAddressAndChangesNothing() throws Exception {
        String path = site.unsubscribePath("ann.lee@example.org", "news");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> page = site.get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Unsubscribe from Monthly news?").contains("a•••e@example.org").contains("<button type=\"submit\">Unsubscribe</button>")
                    .doesNotContain("ann.lee@example.org");
        }
        assertThat(site.status("ann.lee@example.org", "news")).isEqualTo("subscribed");
        assertThat(history("ann.lee@example.org")).hasSize(2); // the two staff adds, nothing from the GETs
    }

    @Test
    void theButtonUnsubscribesAndRepeatingItChangesNothingMore() throws Exception {
        String path = site.unsubscribePath("ann.lee@example.org", "news");
        HttpResponse<String> done = site.post(path, "action=unsubscribe");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed").contains("Subscribe again");
        assertThat(site.status("ann.lee@example.org", "news")).isEqualTo("unsubscribed");
        assertThat(site.status("ann.lee@example.org", "events")).as("other lists untouched").isEqualTo("subscribed");

        assertThat(site.post(path, "action=unsubscribe").statusCode()).isEqualTo(200);
        assertThat(history("ann.lee@example.org")).filteredOn(c -> c.status().word().equals("unsubscribed"))
                .singleElement().satisfies(c -> assertThat(c.how()).isEqualTo("unsubscribe page"));
    }

    @Test
    void rfc8058OneClickPostsUnsubscribeWithoutAPageOrCookies() throws Exception {
        HttpResponse<String> urlEncoded = site.post(site.unsubscribePath("bob@example.org", "news"), "List-Unsubscribe=One-Click");
        assertThat(urlEncoded.statusCode()).isEqualTo(200);
        assertThat(urlEncoded.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(site.status("bob@example.org", "news")).isEqualTo("unsubscribed");
        assertThat(history("bob@example.org")).last().satisfies(c -> assertThat(c.how()).isEqualTo("one-click (RFC 8058)"));

        // RFC 8058's own example sends it as multipart/form-data.
        String boundary = "---FormBoundaryjWmhtjORrn";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--" + boundary + "--\r\n";
        HttpResponse<String> formData = site.post(site.unsubscribePath("ann.lee@example.org", "news"), multipart,
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(formData.statusCode()).isEqualTo(200);
        assertThat(site.status("ann.lee@example.org", "news")).isEqualTo("unsubscribed");
    }

    @Test
    void manyOneClickPostsAtOnceAllSucceedAndAllCount() throws Exception {
        java.util.List<String> people = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            people.add("p" + i + "@example.org");
            site.subscribe("p" + i + "@example.org", "news");
        }
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (String person : people) {
                String path = site.unsubscribePath(person, "news");
                answers.add(clients.submit(() -> site.post(path, "List-Unsubscribe=One-Click").statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(people).allSatisfy(person -> assertThat(site.status(person, "news")).isEqualTo("unsubscribed"));
        assertThat(site.log).noneMatch(line -> line.startsWith("error"));
    }

    @Test
    void aOneClickPostWhileAnImportHoldsTheDatabaseIsRecordedWhenTheImportIsDone() throws Exception {
        DatabaseLocation database = DatabaseLocation.sqlite(site.workspace().root().resolve(".newsletter/newsletter.db"));
        assertThat(database.sqliteFile()).isRegularFile();
        // The site again, on a database whose busy timeout is 200 ms instead of 10 s: its writes must
        // wait out the import all the same.
        site.close();
        site = SiteHarness.start(site.workspace().env(DatabaseLocation.URL_VARIABLE, StoreBackend.withBusyTimeout(database, 200)),
                new CapturedMail());
        String path = site.unsubscribePath("bob@example.org", "news");
        CompletableFuture<HttpResponse<String>> answer;
        // What a large import in another process does for its whole run: hold SQLite's one write lock.
        try (Connection importer = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = importer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return site.post(path, "List-Unsubscribe=One-Click");
                } catch (IOException | InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            Thread.sleep(2_000); // ten times the busy timeout, which used to end in an error page
            assertThat(answer).as("still waiting for the lock").isNotDone();
            statement.execute("COMMIT");
        }
        HttpResponse<String> done = answer.get(20, TimeUnit.SECONDS);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed");
        assertThat(site.status("bob@example.org", "news")).isEqualTo("unsubscribed");
        assertThat(site.log).noneMatch(line -> line.startsWith("error"));
    }

    @Test
    void thePageOffersResubscribingAndTheOtherListsEachWithItsOwnButton() throws Exception {
        String path = site.unsubscribePath("ann.lee@example.org", "news");
        HttpResponse<String> done = site.post(path, "action=unsubscribe");
        String eventsToken = site.tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, site.subscriberId("ann.lee@example.org"), site.listId("events"));
        assertThat(done.body()).contains("Your other lists").contains("Event reminders").contains("action=\"" + eventsToken + "\"");

        assertThat(site.post("/u/" + eventsToken, "action=unsubscribe").statusCode()).isEqualTo(200);
        assertThat(site.status("ann.lee@example.org", "events")).isEqualTo("unsubscribed");

        HttpResponse<String> back = site.post(path, "action=resubscribe");
        assertThat(back.body()).contains("You are subscribed again");
        assertThat(site.status("ann.lee@example.org", "news")).isEqualTo("subscribed");
        assertThat(site.get(path).body()).as("the GET page follows the status").contains("Unsubscribe from Monthly news?");
    }

    @Test
    void aSuppressedAddressCannotResubscribeThroughItsLink() throws Exception {
        String path = site.unsubscribePath("bob@example.org", "news");
        site.post(path, "List-Unsubscribe=One-Click");
        site.store(s -> {
            s.suppressions().suppress(EmailAddress.parse("bob@example.org"), org.newsletter.model.SuppressionReason.HARD_BOUNCE, "550", true);
            return null;
        });
        assertThat(site.post(path, "action=resubscribe").body()).contains("Cannot subscribe this address");
        assertThat(site.status("bob@example.org", "news")).isEqualTo("unsubscribed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"altered", "truncated", "other-purpose", "other-secret", "other-person", "unknown-person", "junk", "leading-zero"})
    void aForgedOrForeignTokenIsAPlain404ThatNamesNobody(String kind) throws Exception {
        long ann = site.subscriberId("ann.lee@example.org");
        long news = site.listId("news");
        String genuine = site.tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, ann, news);
        String token = switch (kind) {
            case "altered" -> genuine.substring(0, genuine.length() - 3) + (genuine.endsWith("AAA") ? "BBB" : "AAA");
            case "truncated" -> genuine.substring(0, genuine.length() - 1);
            case "other-purpose" -> site.tokens.token(SubscriberTokens.Purpose.BOUNCE, ann, news);
            case "other-secret" -> new SubscriberTokens("another-secret-of-at-least-32-characters!!").token(SubscriberTokens.Purpose.UNSUBSCRIBE, ann, news);
            // Ann's signature on Bob's id: the MAC covers the ids, so this is not Bob's token.
            case "other-person" -> site.subscriberId("bob@example.org") + genuine.substring(genuine.indexOf('.'));
            case "unknown-person" -> site.tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, 999_999, news);
            case "leading-zero" -> "0" + genuine;
            default -> "%3Cscript%3E";
        };
        for (HttpResponse<String> answer : List.of(site.get("/u/" + token), site.post("/u/" + token, "List-Unsubscribe=One-Click"))) {
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).contains("This link is not valid").doesNotContain("example.org").doesNotContain("Monthly news")
                    .doesNotContain("Exception");
        }
        assertThat(site.status("ann.lee@example.org", "news")).isEqualTo("subscribed");
        assertThat(site.status("bob@example.org", "news")).isEqualTo("subscribed");
    }

    @Test
    void anErasedPersonsLinkLeadsNowhere() throws Exception {
        String path = site.unsubscribePath("bob@example.org", "news");
        SiteHarness.ok(site.workspace, "privacy", "erase", "bob@example.org", "--yes");
        assertThat(site.get(path).statusCode()).isEqualTo(404);
        assertThat(site.post(path, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
    }

    @Test
    void theLogNeverHoldsAWholeToken() throws Exception {
        String path = site.unsubscribePath("ann.lee@example.org", "news");
        site.get(path);
        site.post(path, "action=unsubscribe");
        String signature = path.substring(path.lastIndexOf('.') + 1);
        // Each line is written once its answer has gone out, so the GET's may come after the POST's.
        for (int i = 0; i < 500 && !(site.log.stream().anyMatch(line -> line.startsWith("GET /u/"))
                && site.log.stream().anyMatch(line -> line.startsWith("POST /u/"))); i++) {
            Thread.sleep(10);
        }
        assertThat(site.log).anyMatch(line -> line.startsWith("GET /u/"));
        assertThat(site.log).isNotEmpty().noneMatch(line -> line.contains(signature));
        assertThat(site.log).anyMatch(line -> line.startsWith("POST /u/") && line.contains(" 200 "));
    }

    private List<SubscriptionChange> history(String address) {
        return site.store(s -> s.subscribers().details(EmailAddress.parse(address)).orElseThrow().history());
    }
}
