package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.ListVisibility;
import org.newsletter.model.SuppressionReason;
import org.newsletter.testing.IssueFixture;

/**
 * The stories of issue 15, replayed as they happened: readers on the real server, staff on the real
 * command line, one SQLite file between them. (The store contract tests replay the same rules on
 * SQLite and PostgreSQL.) The harness's "news" asks for double opt-in; "events" does not.
 */
class ConsentStoriesTest {

    @TempDir
    Path dir;

    SiteHarness site;
    CapturedMail mail = new CapturedMail();

    @BeforeEach
    void start() throws Exception {
        site = SiteHarness.start(SiteHarness.workspace(dir), mail, "judy@example.org", "ann@example.org");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private IssueFixture.Run ok(String... args) {
        return SiteHarness.ok(site.workspace, args);
    }

    /**
     * Judy unsubscribes with the one-click link; staff remove her; next month's import of the old
     * Mailchimp file used to subscribe her again, and so did 'add'.
     */
    @Test
    void judysUnsubscribeOutlivesHerRemovalAndNeitherAnImportNorStaffBringHerBack() throws Exception {
        assertThat(site.post(site.unsubscribePath("judy@example.org", "news"), "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(ok("subscribers", "remove", "judy@example.org", "--yes").out())
                .contains("Removed judy@example.org; kept, by a hash of the address, that they left news");

        site.workspace.write("mailchimp.csv", "\uFEFF\"Email Address\",\"First Name\",\"Last Name\"\r\n"
                + "judy@example.org,Judy,Hopps\r\nnew@example.org,New,Person\r\n");
        IssueFixture.Run imported = ok("subscribers", "import", "mailchimp.csv", "--list", "news");
        assertThat(imported.out()).contains("added 1, updated 0, unchanged 0, skipped 1 (unsubscribed: 1)");
        assertThat(imported.errLines()).contains("mailchimp.csv:2: skipped: judy@example.org unsubscribed from 'news' on 2024-08-02 "
                + "(one-click (RFC 8058)) before being removed and is not resubscribed");

        String show = ok("subscribers", "show", "judy@example.org").out();
        assertThat(show).contains("judy@example.org (not on file; only a hash of the address is kept)")
                .containsPattern("news\\s+unsubscribed\\s+since 2024-08-02 09:01 UTC \\(one-click \\(RFC 8058\\)\\)");

        IssueFixture.Run add = site.workspace.run("subscribers", "add", "Judy@example.org", "--list", "news");
        assertThat(add.exitCode()).isEqualTo(1);
        assertThat(add.errLines()).containsExactly("newsletter: error: Judy@example.org unsubscribed from 'news' on 2024-08-02 "
                + "(one-click (RFC 8058)) before being removed; only they can subscribe again (through the subscribe form)");
        assertThat(ok("subscribers", "export", "--list", "news").out()).doesNotContain("judy@example.org").contains("new@example.org");

        // Only she can come back: through the form, confirming by email.
        assertThat(site.post("/subscribe", "email=judy%40example.org&list=news").statusCode()).isEqualTo(200);
        String link = CapturedMail.confirmationPaths(mail.await(1).get(0)).get(0);
        assertThat(site.status("judy@example.org", "news")).isEqualTo("pending");
        assertThat(site.post(link, "").body()).contains("You are subscribed");
        assertThat(site.status("judy@example.org", "news")).isEqualTo("subscribed");
        assertThat(ok("subscribers", "show", "judy@example.org").out()).doesNotContain("Left before being removed");
    }

    /**
     * On a list without double opt-in a stranger's form request subscribed Ken at once after he had
     * unsubscribed, and the page told any address it "is subscribed".
     */
    @Test
    void aStrangerCannotResubscribeSomeoneWhoLeftAndTheAnswerGivesNothingAway() throws Exception {
        for (String person : List.of("ken@example.org", "sub@example.org", "erased@example.org", "left@example.org")) {
            site.subscribe(person, "events");
        }
        site.post(site.unsubscribePath("ken@example.org", "events"), "List-Unsubscribe=One-Click");
        site.post(site.unsubscribePath("left@example.org", "events"), "List-Unsubscribe=One-Click");
        ok("subscribers", "remove", "left@example.org", "--yes");
        ok("privacy", "erase", "erased@example.org", "--yes");
        site.store(s -> {
            s.suppressions().suppress(EmailAddress.parse("gone@example.org"), SuppressionReason.HARD_BOUNCE, "550 5.1.1", true);
            return null;
        });

        List<String> answers = new ArrayList<>();
        int client = 0;
        for (String person : List.of("new@example.org", "sub@example.org", "ken@example.org", "left@example.org", "gone@example.org",
                "erased@example.org")) {
            HttpResponse<String> answer = site.post("/subscribe", "email=" + person.replace("@", "%40") + "&list=events",
                    Map.of("X-Forwarded-For", "192.0.2." + client++));
            assertThat(answer.statusCode()).as(person).isEqualTo(200);
            answers.add(answer.body());
        }
        assertThat(answers).as("the same answer whatever the address's past").allMatch(a -> a.equals(answers.get(0)));
        assertThat(answers.get(0)).contains("We have your request for <strong>Event reminders</strong>").doesNotContain("is subscribed");

        assertThat(site.status("new@example.org", "events")).isEqualTo("subscribed");
        assertThat(site.status("ken@example.org", "events")).as("his unsubscribe stands until he confirms").isEqualTo("unsubscribed");
        assertThat(site.status("left@example.org", "events")).isEqualTo("pending");
        assertThat(site.stored("gone@example.org")).isFalse();
        assertThat(site.stored("erased@example.org")).isFalse();
        // That nobody else got one is shown without waiting on a clock: the site's emails go out one after
        // another from one queue, and each request's is queued before its answer; so once a marker asked
        // for after the six requests has arrived, any email they caused has too.
        site.post("/subscribe", "email=marker%40example.org&list=news", Map.of("X-Forwarded-For", "192.0.2.99"));
        List<OutgoingMessage> sent = mail.await(3);
        assertThat(sent).extracting(OutgoingMessage::recipient).as("the marker came last")
                .containsExactlyInAnyOrder("ken@example.org", "left@example.org", "marker@example.org").endsWith("marker@example.org");

        OutgoingMessage toKen = sent.stream().filter(m -> m.recipient().equals("ken@example.org")).findFirst().orElseThrow();
        String link = CapturedMail.confirmationPaths(toKen).get(0);
        assertThat(site.post(link, "").body()).contains("You are subscribed");
        assertThat(site.status("ken@example.org", "events")).isEqualTo("subscribed");
    }

    @Test
    void theUnsubscribePageOffersNeitherPendingNorPrivateListsAndSubscribeAgainOnlyUndoesALeaving() throws Exception {
        site.store(s -> {
            s.lists().create("staff", "Staff room", "", false, ListVisibility.PRIVATE);
            s.lists().create("weekly", "Weekly digest", "", true);
            return null;
        });
        site.subscribe("ann@example.org", "events");
        site.subscribe("ann@example.org", "staff");
        site.post("/subscribe", "email=ann%40example.org&list=weekly");
        assertThat(site.status("ann@example.org", "weekly")).isEqualTo("pending");

        String page = site.get(site.unsubscribePath("ann@example.org", "news")).body();
        assertThat(page).contains("Unsubscribe from Monthly news?").contains("Event reminders")
                .doesNotContain("Weekly digest").doesNotContain("Staff room").doesNotContain("waiting for your confirmation");

        // A pending list's token (from an older page, or guessed from a forwarded email) cannot confirm it.
        HttpResponse<String> resubscribe = site.post(site.unsubscribePath("ann@example.org", "weekly"), "action=resubscribe");
        assertThat(resubscribe.statusCode()).isEqualTo(200);
        assertThat(resubscribe.body()).contains("Nothing changed").contains("confirmation email");
        assertThat(site.status("ann@example.org", "weekly")).isEqualTo("pending");

        // A private list shows on its own unsubscribe page, and nowhere else.
        String staffPath = site.unsubscribePath("ann@example.org", "staff");
        assertThat(site.get(staffPath).body()).contains("Unsubscribe from Staff room?");
        assertThat(site.post(staffPath, "List-Unsubscribe=One-Click").body()).contains("is unsubscribed from <strong>Staff room</strong>")
                .contains("Subscribe again");
        assertThat(site.status("ann@example.org", "staff")).isEqualTo("unsubscribed");
        assertThat(site.get("/subscribe").body()).contains("Weekly digest").doesNotContain("Staff room").doesNotContain("value=\"staff\"");
        assertThat(site.get("/subscribe?list=staff").body()).as("naming it in the address").contains("Weekly digest").doesNotContain("Staff room")
                .doesNotContain("value=\"staff\"");
        HttpResponse<String> asked = site.post("/subscribe", "email=zed%40example.org&list=staff");
        assertThat(asked.statusCode()).isEqualTo(400);
        assertThat(asked.body()).contains("Please choose at least one list").doesNotContain("Staff room");
        assertThat(site.stored("zed@example.org")).isFalse();

        // Subscribe again still undoes her own unsubscribe.
        assertThat(site.post(staffPath, "action=resubscribe").body()).contains("You are subscribed again");
        assertThat(site.status("ann@example.org", "staff")).isEqualTo("subscribed");
    }

    /**
     * The preference centre is a public page too: on a public list's link it shows no private list, not
     * even one the person is on, and a hand-made form cannot reach one; on a private list's own link that
     * list shows (the person got mail from it), and no other private one.
     */
    @Test
    void thePreferenceCentreShowsAPrivateListOnlyOnItsOwnLinkAndAFormCannotReachOne() throws Exception {
        site.store(s -> {
            s.lists().create("staff", "Staff room", "", false, ListVisibility.PRIVATE);
            s.lists().create("board", "Board papers", "", false, ListVisibility.PRIVATE);
            return null;
        });
        site.subscribe("ann@example.org", "staff");

        String newsPreferences = site.unsubscribePath("ann@example.org", "news").replace("/u/", "/p/");
        String page = site.get(newsPreferences).body();
        assertThat(page).contains("Monthly news").contains("Event reminders").doesNotContain("Staff room").doesNotContain("value=\"staff\"")
                .doesNotContain("Board papers").doesNotContain("value=\"board\"");

        HttpResponse<String> saved = site.post(newsPreferences, "name=Ann&list=news&list=board");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("Staff room").doesNotContain("Board papers");
        assertThat(site.status("ann@example.org", "staff")).as("a list the page does not show is left as it was").isEqualTo("subscribed");
        assertThat(site.status("ann@example.org", "board")).as("nor can a form join a private list").isEqualTo("none");
        assertThat(site.status("ann@example.org", "news")).isEqualTo("subscribed");

        String staffPage = site.get(site.unsubscribePath("ann@example.org", "staff").replace("/u/", "/p/")).body();
        assertThat(staffPage).contains("Staff room").contains("Monthly news").doesNotContain("Board papers");
    }

    /** A test copy's unsubscribe link said "not valid", and for someone on file it was their own, working link. */
    @Test
    void aTestCopysUnsubscribeLinkSaysItWasATestAndUnsubscribesNobody() throws Exception {
        ok("send", IssueFixture.SEED_ISSUE, "--list", "news", "--test-to", "ann@example.org", "--yes");
        Path eml;
        try (Stream<Path> files = Files.list(site.workspace.root().resolve(".newsletter/outbox/test"))) {
            eml = files.filter(f -> f.toString().endsWith(".eml")).findFirst().orElseThrow();
        }
        String message = Files.readString(eml, StandardCharsets.UTF_8).replace("\r\n ", " ");
        Matcher header = Pattern.compile("List-Unsubscribe: <https://[^/]+(/u/[^>]+)>").matcher(message);
        assertThat(header.find()).as(message).isTrue();
        String path = header.group(1);

        for (HttpResponse<String> answer : List.of(site.get(path), site.post(path, "List-Unsubscribe=One-Click"),
                site.post(path, "action=unsubscribe"))) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("This was a test copy").contains("It unsubscribes nobody").doesNotContain("not valid");
        }
        assertThat(site.status("ann@example.org", "news")).isEqualTo("subscribed");

        String forged = path.substring(0, path.length() - 3) + (path.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(site.get(forged).statusCode()).isEqualTo(404);
        String wrongPurpose = "/u/" + site.tokens.token(SubscriberTokens.Purpose.CONFIRM, 0, site.listId("news"));
        assertThat(site.get(wrongPurpose).statusCode()).isEqualTo(404);
    }
}
