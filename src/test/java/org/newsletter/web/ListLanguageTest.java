package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * A Welsh list: its unsubscribe page, its preference centre and its confirmation email speak Welsh
 * with no English left; a page that belongs to no list follows the reader's Accept-Language; a
 * workspace overrides one page's template.
 */
class ListLanguageTest {

    private static final List<String> ENGLISH = List.of("Unsubscribe", "will no longer", "Your other lists", "See all our lists",
            "Manage your subscription", "Please confirm", "Hello", "ignore this message", "Your subscriptions", "subscribed");

    @TempDir
    Path dir;

    @Test
    void aWelshListsPagesAndConfirmationEmailAreWelsh() throws Exception {
        IssueFixture workspace = SiteHarness.withAList(IssueFixture.copyOfRepository(dir.resolve("w")));
        SiteHarness.ok(workspace, "lists", "set", "news", "--lang", "cy");
        assertThat(SiteHarness.ok(workspace, "lists", "show", "news").out()).contains("Language:      cy");
        CapturedMail mail = new CapturedMail();
        try (SiteHarness site = SiteHarness.start(workspace, mail)) {
            String unsubscribe = site.get(site.unsubscribePath("ann@example.org", "news")).body();
            assertThat(unsubscribe).contains("<html lang=\"cy\"").contains("Dad-danysgrifio o Monthly news?").contains("Rheoli eich tanysgrifiad");
            String preferences = site.get(site.unsubscribePath("ann@example.org", "news").replace("/u/", "/p/")).body();
            assertThat(preferences).contains("Eich tanysgrifiadau").contains("Cadw fy newisiadau");
            site.post(site.unsubscribePath("ann@example.org", "news"), "action=unsubscribe");
            assertThat(site.post("/subscribe", "email=ann%40example.org&list=news").statusCode()).isEqualTo(200);
            String sent = new String(mail.await(1).get(0).bytes(), StandardCharsets.UTF_8).replace("=\r\n", "");
            assertThat(sent).contains("Subject: Cadarnhewch eich tanysgrifiad i Monthly news").contains("Helo");
            for (String page : List.of(unsubscribe, preferences, sent)) {
                for (String english : ENGLISH) {
                    assertThat(page.replace("List-Unsubscribe", "")).as("English '%s'", english).doesNotContain(english);
                }
            }

            HttpResponse<String> german = HttpClient.newHttpClient().send(HttpRequest.newBuilder(site.uri("/subscribe"))
                    .header("Accept-Language", "de-CH, fr;q=0.8").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(german.body()).contains("<html lang=\"de\"").contains("E-Mail-Adresse").contains("Abonnieren");
            assertThat(site.get("/subscribe").body()).as("no Accept-Language: the workspace's language").contains("Email address");
        }
    }

    @Test
    void aWorkspaceOverridesOnePage() throws Exception {
        IssueFixture workspace = SiteHarness.workspace(dir.resolve("w"));
        workspace.write("templates/pages/test-copy.ftlh", "<#import \"/partials/page.ftlh\" as p><@p.layout title=\"Only a test, ${site.organisation}\"><p>ok</p></@p.layout>");
        try (SiteHarness site = SiteHarness.start(workspace, new CapturedMail())) {
            String testToken = site.tokens.token(org.newsletter.mail.SubscriberTokens.Purpose.TEST, 0, site.listId("news"));
            assertThat(site.get("/u/" + testToken).body()).contains("<h1>Only a test, Example Co-production Network</h1>");
        }
    }
}
