package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * The calendar file of a German issue's event says nothing in English: its summary, place and
 * description are the issue's words, and what the tool adds (the sign-up line) comes from the German
 * bundle. PRODID is left out: it is a formal product identifier (RFC 5545 section 3.7.3), which no
 * calendar shows.
 */
class IcsLanguageTest {

    private static final String EVENTS = """
            timezone: Europe/London
            events:
              - id: cafe
                title: Kaffee und Kuchen
                start: 2024-09-06T14:00
                duration: PT90M
                location: Online
                url: https://example.org/cafe
                description: Wir sprechen über die **nächsten Schritte**.
              - id: treffen
                title: Treffen
                start: 2024-09-20T10:00
                end: 2024-09-20T12:00
                url: mailto:team@example.org?subject=Treffen
            """;

    /** English words the tool could add to a calendar entry. */
    private static final List<String> ENGLISH = List.of("Register", "Sign up", "Join", "time", "Time", "UK", "Add", "calendar", "More",
            "Details", "Event", "Where", "When", "Email", "Contact", "online event");

    @TempDir
    Path dir;

    @Test
    void theCalendarFilesOfAGermanIssueHaveNoEnglishWords() {
        IssueFixture workspace = IssueFixture.in(dir);
        workspace.issue("2024-09-neues", "---\ntitle: Neues\ndate: 2024-09-01\nlang: de\n---\n\nHallo.\n", EVENTS);
        IssueFixture.Run build = workspace.run("build", "2024-09-neues", "--out", "out");
        assertThat(build.exitCode()).as(build.err()).isZero();

        String cafe = unfolded(workspace.read("out/events/cafe.ics"));
        assertThat(cafe).contains("SUMMARY:Kaffee und Kuchen").contains("DESCRIPTION:Wir sprechen über die nächsten Schritte.\\n\\nAnmelden: https://example.org/cafe");
        String treffen = unfolded(workspace.read("out/events/treffen.ics"));
        assertThat(treffen).contains("DESCRIPTION:Anmelden: team@example.org");
        for (String ics : List.of(cafe, treffen)) {
            String readable = ics.lines().filter(l -> !l.startsWith("PRODID:")).map(l -> l.substring(l.indexOf(':') + 1))
                    .reduce("", (a, b) -> a + "\n" + b);
            for (String english : ENGLISH) {
                assertThat(readable).as("English '%s' in\n%s", english, ics).doesNotContain(english);
            }
        }
    }

    /** RFC 5545 section 3.1: a CRLF followed by a space continues the line. */
    private static String unfolded(String ics) {
        return ics.replace("\r\n ", "").replace("\r\n", "\n");
    }
}
