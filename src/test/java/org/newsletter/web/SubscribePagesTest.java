package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.EmailAddress;

/** The subscribe form and double opt-in, against a real server and SQLite store. */
class SubscribePagesTest {

    @TempDir
    Path dir;

    SiteHarness site;
    CapturedMail mail = new CapturedMail();

    @BeforeEach
    void start() throws Exception {
        site = SiteHarness.start(SiteHarness.workspace(dir), mail, "bob@example.org");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void theFormListsTheListsAndHidesTheTrapFieldFromPeople() throws Exception {
        HttpResponse<String> form = site.get("/subscribe?list=news");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Monthly news").contains("Event reminders")
                .contains("name=\"list\" value=\"news\" checked").contains("name=\"list\" value=\"events\">")
                .contains("class=\"hp\" aria-hidden=\"true\"").contains("name=\"website\" tabindex=\"-1\"");
    }

    /**
     * What the form promises is what happens: a link to confirm on double opt-in lists, none for a new
     * address on the others. Either way someone who left a list gets a link to confirm, and the page,
     * being the same for every address, says so without saying whose case it is.
     */
    @Test
    void theFormPromisesWhatEachListDoes() throws Exception {
        String both = site.get("/subscribe").body();
        assertThat(both).contains("<strong>Monthly news</strong> <span class=\"note\">(confirm by email)</span>")
                .contains("<strong>Event reminders</strong> <span class=\"note\">(no confirmation needed)</span>")
                .contains("If this address unsubscribed before, we will email it a link to confirm, whatever the list.")
                .doesNotContain("We will email you a link to confirm.");

        SiteHarness.ok(site.workspace(), "lists", "set", "events", "--private");
        String confirmOnly = site.get("/subscribe").body();
        assertThat(confirmOnly).contains("We will email you a link to confirm.").doesNotContain("(confirm by email)")
                .doesNotContain("no confirmation");

        SiteHarness.ok(site.workspace(), "lists", "set", "events", "--public");
        SiteHarness.ok(site.workspace(), "lists", "set", "news", "--private");
        String atOnce = site.get("/subscribe").body();
        assertThat(atOnce).contains("No confirmation is needed: a new address gets the next issue. "
                        + "If this address unsubscribed before, we will email it a link to confirm instead.")
                .doesNotContain("We will email you a link to confirm.").doesNotContain("(no confirmation needed)");
    }

    /** The confirmation email reads plainly, and its text part keeps to 78 columns (a link has a line of its own). */
    @Test
    void theConfirmationEmailOpensPlainlyAndItsTextIsWrappedAt78() throws Exception {
        site.post("/subscribe", "email=dan%40xn--r8jz45g.jp&list=news&list=events");
        jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(mail.await(1).get(0).bytes()));
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) message.getContent();
        String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        String html = (String) parts.getBodyPart(1).getContent();

        assertThat(text).startsWith("Hello,\n\nWe received a request to subscribe dan@例え.jp to Monthly news from Example\n"
                        + "Co-production Network. If it came from you, please confirm it.\n")
                .doesNotContain("we hope you").contains("If you did not ask for this, you can ignore this message");
        assertThat(text.lines().filter(line -> line.codePointCount(0, line.length()) > 78 && !line.matches("https?://\\S+")).toList())
                .as("lines over 78 columns that are not a link").isEmpty();
        assertThat(text.lines().filter(line -> line.contains("/confirm/")).toList()).singleElement().asString().startsWith("https://");
        assertThat(html).contains("<p>We received a request to subscribe dan@例え.jp to Monthly news from ")
                .contains(">Confirm Monthly news</a>").doesNotContain("we hope you");
        assertThat(message.getSubject()).isEqualTo("Please confirm your subscription to Monthly news");
        assertThat(message.getHeader("To", null)).isEqualTo("dan@xn--r8jz45g.jp");
    }

    @Test
    void aRequestIsPendingUntilTheEmailedLinkIsConfirmedWithAPost() throws Exception {
        HttpResponse<String> sent = site.post("/subscribe", "email=Cy.Doe%40Example.org&name=Cy+Doe&list=news&website=");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("Check your inbox");
        assertThat(site.status("cy.doe@example.org", "news")).isEqualTo("pending");

        OutgoingMessage confirmation = mail.await(1).get(0);
        String raw = new String(confirmation.bytes(), StandardCharsets.UTF_8);
        assertThat(confirmation.recipient()).isEqualTo("Cy.Doe@example.org");
        assertThat(raw).contains("Subject: Please confirm your subscription to Monthly news").doesNotContain("Cy Doe");
        List<String> links = CapturedMail.confirmationPaths(confirmation);
        assertThat(links).hasSize(1);
        assertThat(raw).contains("https://news.example.org" + links.get(0));

        HttpResponse<String> page = site.get(links.get(0));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Subscribe C•••e@example.org to <strong>Monthly news</strong>?").contains("Yes, subscribe me");
        assertThat(site.status("cy.doe@example.org", "news")).as("a GET confirms nothing").isEqualTo("pending");

        HttpResponse<String> confirmed = site.post(links.get(0), "");
        assertThat(confirmed.body()).contains("You are subscribed");
        assertThat(site.status("cy.doe@example.org", "news")).isEqualTo("subscribed");
        var person = site.store(s -> s.subscribers().require(EmailAddress.parse("cy.doe@example.org")));
        assertThat(person.name()).isEqualTo("Cy Doe");
        assertThat(person.consentSource()).isEqualTo("subscribe form");
        assertThat(person.consentAt()).as("consent is when they confirmed").isEqualTo(site.clock.instant());
        assertThat(site.post(links.get(0), "").body()).as("confirming twice is harmless").contains("You are subscribed");
    }

    @Test
    void theAnswerNeverWaitsForTheWorkThatDependsOnTheAddress() throws Exception {
        // Another process holding the database's write lock makes the state-dependent work (recording the
        // request) as slow as it can be: a new address and a subscribed one must both be answered anyway.
        Path database = site.workspace().root().resolve(".newsletter/newsletter.db");
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + database);
                java.sql.Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            for (String address : List.of("newcomer%40example.org", "bob%40example.org")) {
                long started = System.nanoTime();
                HttpResponse<String> answer = site.postAnswer("/subscribe", "email=" + address + "&list=news", Map.of(), Duration.ofSeconds(5));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(answer.statusCode()).isEqualTo(200);
                // The lock is held for the 10 s busy timeout if need be: a handler that waited on it would take seconds.
                assertThat(took).as("answered while the database was locked").isLessThan(Duration.ofSeconds(3));
                answers.put(address, answer.body());
            }
            assertThat(mail.sent).as("nothing done before the lock is released").isEmpty();
            lock.execute("ROLLBACK");
        }
        assertThat(answers.get("newcomer%40example.org")).isEqualTo(answers.get("bob%40example.org"));
        OutgoingMessage confirmation = mail.await(1).get(0);
        assertThat(confirmation.recipient()).isEqualTo("newcomer@example.org");
        assertThat(site.status("newcomer@example.org", "news")).isEqualTo("pending");
        assertThat(site.status("bob@example.org", "news")).isEqualTo("subscribed");
    }

    @Test
    void aListWithoutDoubleOptInSubscribesAtOnce() throws Exception {
        HttpResponse<String> sent = site.post("/subscribe", "email=dee%40example.org&list=events");
        assertThat(sent.body()).contains("We have your request for <strong>Event reminders</strong>").doesNotContain("is subscribed");
        assertThat(site.status("dee@example.org", "events")).isEqualTo("subscribed");
        site.close(); // sends whatever was queued
        assertThat(mail.sent).isEmpty();
    }

    @Test
    void confirmationLinksExpireAndForgedOnesAreNotFound() throws Exception {
        site.post("/subscribe", "email=eve%40example.org&list=news");
        String link = CapturedMail.confirmationPaths(mail.await(1).get(0)).get(0);

        String forged = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");
        assertThat(site.get(forged).statusCode()).isEqualTo(404);
        assertThat(site.post(forged, "").statusCode()).isEqualTo(404);
        // Pushing the expiry time forward breaks the signature too.
        String[] parts = link.substring("/confirm/".length()).split("\\.");
        String extended = "/confirm/" + parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400 * 30) + "." + parts[3];
        assertThat(site.post(extended, "").statusCode()).isEqualTo(404);
        String unsubscribeToken = "/confirm/" + site.tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, site.subscriberId("eve@example.org"),
                site.listId("news"));
        assertThat(site.post(unsubscribeToken, "").statusCode()).isEqualTo(404);

        site.clock.advance(SubscribePages.CONFIRMATION_VALIDITY.plusMinutes(1));
        HttpResponse<String> expired = site.post(link, "");
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("This link has expired").contains("href=\"../subscribe\"");
        assertThat(site.status("eve@example.org", "news")).isEqualTo("pending");
    }

    @Test
    void theAnswerIsTheSameForSubscribedSuppressedAndNewAddresses() throws Exception {
        site.store(s -> {
            s.suppressions().suppress(EmailAddress.parse("gone@example.org"), org.newsletter.model.SuppressionReason.COMPLAINT, "", true);
            return null;
        });
        String forNew = site.post("/subscribe", "email=new%40example.org&list=news").body();
        String forSubscribed = site.post("/subscribe", "email=bob%40example.org&list=news").body();
        String forSuppressed = site.post("/subscribe", "email=gone%40example.org&list=news").body();
        assertThat(forSubscribed).isEqualTo(forNew);
        assertThat(forSuppressed).isEqualTo(forNew);

        assertThat(site.stored("gone@example.org")).as("a suppressed address is not stored").isFalse();
        site.close(); // sends whatever was queued
        assertThat(mail.sent).extracting(OutgoingMessage::recipient).containsExactly("new@example.org");
    }

    @Test
    void aFilledTrapFieldLooksAcceptedButStoresAndSendsNothing() throws Exception {
        HttpResponse<String> bot = site.post("/subscribe", "email=bot%40example.org&list=news&website=http%3A%2F%2Fspam.example");
        assertThat(bot.body()).contains("Check your inbox");
        assertThat(site.stored("bot@example.org")).isFalse();
        site.close(); // sends whatever was queued
        assertThat(mail.sent).isEmpty();
    }

    @Test
    void oneAddressGetsAtMostThreeConfirmationsAnHour() throws Exception {
        for (int i = 0; i < 3; i++) {
            // Different clients, so only the per-address limit applies.
            assertThat(site.post("/subscribe", "email=fay%40example.org&list=news", Map.of("X-Forwarded-For", "192.0.2." + i)).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> fourth = site.post("/subscribe", "email=FAY%40example.org&list=news", Map.of("X-Forwarded-For", "192.0.2.9"));
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(mail.await(3)).hasSize(3);

        site.clock.advance(Duration.ofMinutes(61));
        assertThat(site.post("/subscribe", "email=fay%40example.org&list=news", Map.of("X-Forwarded-For", "192.0.2.10")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void oneClientGetsAtMostTenRequestsInTenMinutes() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(site.post("/subscribe", "email=p" + i + "%40example.org&list=events").statusCode()).isEqualTo(200);
        }
        assertThat(site.post("/subscribe", "email=p10%40example.org&list=events").statusCode()).isEqualTo(429);
        assertThat(site.post("/subscribe", "email=p11%40example.org&list=events", Map.of("X-Forwarded-For", "198.51.100.7")).statusCode())
                .as("another client behind the local proxy").isEqualTo(200);
    }

    @Test
    void badInputShowsTheFormAgainWithTheReasonAndEverythingEscaped() throws Exception {
        HttpResponse<String> bad = site.post("/subscribe", "email=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&name=%3Cb%3Ex&list=news");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("That email address does not look right").contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .contains("value=\"&lt;b&gt;x\"").doesNotContain("<script>").doesNotContain("<b>x");

        assertThat(site.post("/subscribe", "email=ok%40example.org").body()).contains("Please choose at least one list");
        assertThat(site.post("/subscribe", "email=ok%40example.org&list=no-such-list").statusCode()).isEqualTo(400);
        assertThat(site.post("/subscribe", "email=ok%40example.org&list=news&name=" + "x".repeat(101)).body()).contains("at most 100 characters");
        assertThat(site.stored("ok@example.org")).isFalse();
    }
}
