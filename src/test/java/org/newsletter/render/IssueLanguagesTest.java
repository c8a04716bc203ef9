package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * A German and a Welsh issue, built as a user would: every word around the content (the email's
 * chrome, its text part, the web version) is in the issue's language, dates and zone labels too;
 * a workspace rewords one string; and check says which words a language without a bundle lacks.
 */
class IssueLanguagesTest {

    /** The English chrome a reader of a German or Welsh issue must not see. */
    private static final List<String> ENGLISH = List.of("View in browser", "View in your browser", "Upcoming events", "Add to calendar",
            "This email was sent", "Past issues", "Unsubscribe", "Manage your subscription", "Register", "UK time", "All issues of",
            "Apple and others", "Links\n", "September");

    private static final String EVENTS = """
            timezone: Europe/London
            events:
              - id: cafe
                title: Kaffee
                start: 2024-09-06T14:00
                duration: PT90M
                url: https://example.org/cafe
            """;

    @TempDir
    Path dir;

    @Test
    void aGermanIssueHasNoEnglishAroundItsContent() {
        IssueFixture workspace = IssueFixture.in(dir);
        workspace.issue("2024-09-neues", "---\ntitle: Neues\ndate: 2024-09-01\nlang: de\n---\n\nHallo, siehe [hier](https://example.org/x).\n", EVENTS);
        IssueFixture.Run build = workspace.run("build", "2024-09-neues", "--out", "out");
        assertThat(build.exitCode()).as(build.err()).isZero();

        String email = Jsoup.parse(workspace.read("out/email.html")).text();
        String text = workspace.read("out/email.txt");
        String web = Jsoup.parse(workspace.read("out/web.html")).text();
        for (String part : List.of(email, text, web)) {
            assertThat(part).contains("Freitag, 6. September 2024").contains("britische Zeit").contains("Zum Kalender hinzufügen")
                    .contains("Kommende Veranstaltungen").contains("Anmelden");
            // "Links" and "September" are German words too.
            for (String english : ENGLISH.subList(0, ENGLISH.size() - 2)) {
                assertThat(part).as("English '%s'", english).doesNotContain(english);
            }
        }
        assertThat(email).contains("Im Browser ansehen").contains("Abonnement verwalten").contains("Diese E-Mail ging an").contains("Frühere Ausgaben");
        assertThat(text).contains("Im Browser ansehen:").contains("Abmelden:").contains("Abonnement verwalten:");
        assertThat(web).contains("Alle Ausgaben von Test Network");
    }

    @Test
    void aWelshIssueHasWelshDatesAndChrome() {
        IssueFixture workspace = IssueFixture.in(dir);
        workspace.issue("2024-09-newyddion", "---\ntitle: Newyddion\ndate: 2024-09-01\nlang: cy\n---\n\nHelo.\n", EVENTS);
        IssueFixture.Run build = workspace.run("build", "2024-09-newyddion", "--out", "out");
        assertThat(build.exitCode()).as(build.err()).isZero();

        for (String part : List.of(Jsoup.parse(workspace.read("out/email.html")).text(), workspace.read("out/email.txt"),
                Jsoup.parse(workspace.read("out/web.html")).text())) {
            assertThat(part).contains("Dydd Gwener").contains("Medi 2024").contains("amser y DU").contains("Ychwanegu at y calendr")
                    .contains("Digwyddiadau i ddod").contains("Cofrestru");
            for (String english : ENGLISH) {
                assertThat(part).as("English '%s'", english).doesNotContain(english);
            }
        }
        assertThat(workspace.read("out/email.txt")).contains("Gweld yn eich porwr:").contains("Dad-danysgrifio:");
    }

    @Test
    void aWorkspaceRewordsOneStringAndCheckNamesWhatALanguageLacks() {
        IssueFixture workspace = IssueFixture.in(dir);
        workspace.write("templates/messages_cy.properties", "email.upcomingEvents=Beth sy’ mlaen\n");
        workspace.issue("2024-09-newyddion", "---\ntitle: Newyddion\ndate: 2024-09-01\nlang: cy\n---\n\nHelo.\n", EVENTS);
        assertThat(workspace.run("build", "2024-09-newyddion", "--out", "out").exitCode()).isZero();
        assertThat(workspace.read("out/email.html")).contains("Beth sy’ mlaen").doesNotContain("Digwyddiadau i ddod").contains("Cofrestru");

        workspace.issue("2024-09-notizie", "---\ntitle: Notizie\ndate: 2024-09-01\nlang: it\n---\n\nCiao.\n", null);
        IssueFixture.Run check = workspace.run("check", "2024-09-notizie");
        assertThat(check.exitCode()).as("a missing translation is a warning, not an error").isZero();
        assertThat(check.out() + check.err()).contains("language 'it' has no words for").contains("templates/messages_it.properties");
        assertThat(workspace.run("build", "2024-09-notizie", "--out", "it").exitCode()).isZero();
        assertThat(workspace.read("it/email.html")).as("falls back to English").contains("View in browser");
    }
}
