package org.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.PythonIcalendar;

/**
 * The calendar files of both example issues as a calendar program reads them: folded at 75 octets,
 * small, the same bytes on every build, and the same instants in two independent parsers.
 */
class CalendarFilesTest {

    private static final List<String> ISSUES = List.of("2024-08-team-update", "2024-10-autumn-notes");

    /** What the events.yaml files say, in UTC: British Summer Time until 27 October 2024, GMT after. */
    private static final Map<String, String> STARTS = Map.of(
            "drop-in-2024-08-15", "2024-08-15T16:00:00Z",
            "drop-in-2024-08-20", "2024-08-20T12:00:00Z",
            "cuppa-2024-09-06", "2024-09-06T13:00:00Z",
            "cuppa-2024-10-01", "2024-10-01T12:00:00Z",
            "cuppa-2024-11-05", "2024-11-05T11:00:00Z",
            "reflection-session-2024-10-28", "2024-10-28T10:00:00Z",
            "winter-social-2024-12-04", "2024-12-04T18:00:00Z");

    @TempDir
    static Path dir;
    static IssueFixture workspace;

    @BeforeAll
    static void build() {
        workspace = IssueFixture.copyOfRepository(dir);
        for (String issue : ISSUES) {
            IssueFixture.Run run = workspace.run("build", issue, "--out", "out/" + issue);
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    @Test
    void everyLineIsFoldedAt75OctetsAndEveryFileIsUnder2Kilobytes() throws IOException {
        List<Path> files = calendars("out");
        assertThat(files).hasSize(STARTS.size());
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes.length).as(file.toString()).isLessThan(2048);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(text).as(file.toString()).endsWith("\r\n").doesNotContain("\n\r").doesNotContainPattern("[^\r]\n");
            for (String line : text.split("\r\n")) {
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(file + ": " + line).isLessThanOrEqualTo(75);
                assertThat(line.replace("\\\\", "")).as(file + ": no fold inside an escape").doesNotEndWith("\\");
            }
        }
        // The seed's long descriptions do need folding: a continuation line starts with one space.
        assertThat(Files.readString(file("2024-08-team-update", "drop-in-2024-08-15"))).contains("\r\n ");
    }

    @Test
    void rebuildingGivesTheSameBytes() throws IOException {
        for (String issue : ISSUES) {
            IssueFixture.Run run = workspace.run("build", issue, "--out", "again/" + issue);
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        List<Path> first = calendars("out");
        List<Path> second = calendars("again");
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i))).as(second.get(i).toString()).isEqualTo(Files.readAllBytes(first.get(i)));
        }
        // The stamp is the issue's date, whatever the clock said during the build.
        assertThat(Files.readString(file("2024-08-team-update", "cuppa-2024-09-06"))).contains("\r\nDTSTAMP:20240809T000000Z\r\n");
    }

    @Test
    void ical4jAndPythonIcalendarReadTheSameInstants() throws Exception {
        PythonIcalendar python = PythonIcalendar.require(dir);
        List<Path> files = calendars("out");
        List<PythonIcalendar.Read> fromPython = python.read(files);
        assertThat(fromPython).hasSize(files.size());
        Map<String, Instant> fromIcal4j = new LinkedHashMap<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                VEvent event = new CalendarBuilder().build(in).getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
                String id = event.getUid().orElseThrow().getValue().replace("@example.org", "");
                fromIcal4j.put(id, Instant.from(event.getDateTimeStart().getDate()));
            }
        }
        for (PythonIcalendar.Read read : fromPython) {
            String id = read.uid().replace("@example.org", "");
            assertThat(read.start()).as(id + " in Python, with the file's VTIMEZONE").isEqualTo(STARTS.get(id));
            assertThat(fromIcal4j.get(id)).as(id + " in ical4j").isEqualTo(Instant.parse(STARTS.get(id)));
        }
        assertThat(fromPython).extracting(PythonIcalendar.Read::summary)
                .contains("Looking back, looking forward: a co-production reflection session");
    }

    @Test
    void descriptionsArePlainParagraphsInTheFileAndInTheCalendarLinks() throws Exception {
        PythonIcalendar python = PythonIcalendar.require(dir);
        PythonIcalendar.Read social = python.read(List.of(file("2024-10-autumn-notes", "winter-social-2024-12-04"))).get(0);
        assertThat(social.description()).isEqualTo("""
                Tea & cake \u2014 "bring a friend" <3

                A chance to celebrate the year together. The room is step-free and there is a quiet space if you need a break.

                Let us know you're coming: https://example.org/events/winter-social-2024""");

        String html = workspace.read("out/2024-08-team-update/email.html");
        List<String> details = new ArrayList<>();
        Jsoup.parse(html).select("a[href^=https://calendar.google.com], a[href^=https://outlook.live.com]").forEach(a -> {
            String query = a.attr("href");
            for (String parameter : query.substring(query.indexOf('?') + 1).split("&")) {
                if (parameter.startsWith("details=") || parameter.startsWith("body=")) {
                    details.add(URLDecoder.decode(parameter.substring(parameter.indexOf('=') + 1), StandardCharsets.UTF_8));
                }
            }
        });
        assertThat(details).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContainPattern("[^\n]\n[^\n]"));
        assertThat(details).anySatisfy(text -> assertThat(text)
                .contains("in solidarity and chat about how you're feeling. Come for as long or as briefly as you like."));
    }

    private static Path file(String issue, String id) {
        return dir.resolve("out").resolve(issue).resolve("events").resolve(id + ".ics");
    }

    private static List<Path> calendars(String folder) {
        try (Stream<Path> walk = Files.walk(dir.resolve(folder))) {
            return walk.filter(p -> p.toString().endsWith(".ics")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
