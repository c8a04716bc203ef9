package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.Event;
import org.newsletter.model.SourcePosition;
import org.newsletter.testing.PythonIcalendar;

/**
 * Calendar files for zones unlike London's, read back by two parsers that did not write them:
 * southern summers that span New Year, zones without summer time or that abolished it, half-hour
 * offsets, and text that needs folding between multi-byte characters.
 */
class IcsWriterTest {

    @TempDir
    Path dir;

    private final IcsWriter writer = new IcsWriter("example.org");

    private static final List<String[]> CASES = List.of(
            new String[] {"Europe/London", "2024-03-31T00:30"}, // just before the clocks go forward
            new String[] {"Europe/London", "2024-03-31T03:30"},
            new String[] {"Europe/London", "2025-01-15T12:00"},
            new String[] {"America/New_York", "2024-11-03T12:00"},
            new String[] {"America/New_York", "2024-07-04T19:00"},
            new String[] {"Australia/Sydney", "2024-01-10T18:00"}, // summer time from the October before
            new String[] {"Australia/Sydney", "2024-06-10T18:00"},
            new String[] {"Australia/Lord_Howe", "2024-12-10T09:00"}, // a half-hour summer shift
            new String[] {"Asia/Kolkata", "2024-09-01T10:00"}, // +05:30, no changes for decades
            new String[] {"America/Sao_Paulo", "2024-12-01T10:00"}, // summer time abolished in 2019
            new String[] {"Europe/Dublin", "2024-12-01T10:00"},
            new String[] {"Pacific/Chatham", "2024-10-01T10:00"}, // +13:45 in summer
            new String[] {"UTC", "2024-09-01T10:00"});

    @Test
    void twoParsersReadEveryZoneAsJavaTimeDoes() throws Exception {
        List<Path> files = new ArrayList<>();
        List<ZonedDateTime> starts = new ArrayList<>();
        for (String[] each : CASES) {
            ZonedDateTime start = LocalDateTime.parse(each[1]).atZone(ZoneId.of(each[0]));
            starts.add(start);
            String ics = writer.write(event("e" + files.size(), "Meeting", start), "", Instant.parse("2024-01-01T00:00:00Z"));
            assertThat(ics.getBytes(StandardCharsets.UTF_8).length).as(each[0]).isLessThan(2048);
            Path file = dir.resolve("e" + files.size() + ".ics");
            Files.writeString(file, ics);
            files.add(file);

            VEvent event = new CalendarBuilder().build(new ByteArrayInputStream(ics.getBytes(StandardCharsets.UTF_8)))
                    .getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
            assertThat(Instant.from(event.getDateTimeStart().getDate())).as("ical4j, " + each[0] + " " + each[1] + "\n" + ics)
                    .isEqualTo(start.toInstant());
        }
        List<PythonIcalendar.Read> read = PythonIcalendar.require(dir).read(files);
        for (int i = 0; i < CASES.size(); i++) {
            assertThat(read.get(i).start()).as("icalendar, " + CASES.get(i)[0] + " " + CASES.get(i)[1])
                    .isEqualTo(starts.get(i).toInstant().toString());
            assertThat(read.get(i).end()).isEqualTo(starts.get(i).plusHours(1).toInstant().toString());
        }
    }

    @Test
    void foldsAt75OctetsBetweenCharactersAndEscapesText() throws Exception {
        String title = "Caf\u00e9 \u00e0 la cr\u00e8me; \u65e5\u672c\u8a9e\u306e\u8aac\u660e, \uD83C\uDF75 tea and \u201cquotes\u201d \\ backslash ".repeat(4).strip();
        String details = "First paragraph, with commas; and semicolons.\n\nSecond \u00e9\u00e9\u00e9\u00e9 paragraph.";
        ZonedDateTime start = ZonedDateTime.of(2024, 9, 6, 14, 0, 0, 0, ZoneId.of("Europe/London"));
        String ics = writer.write(event("long", title, start), details, Instant.parse("2024-08-09T00:00:00Z"));

        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
            assertThat(line.replace("\\\\", "")).as("no fold inside an escape").doesNotEndWith("\\");
        }
        assertThat(ics).contains("SUMMARY:Caf\u00e9 \u00e0 la cr\u00e8me\\; \u65e5\u672c\u8a9e\u306e\u8aac\u660e\\,")
                .contains("DESCRIPTION:First paragraph\\, with commas\\; and semicolons.\\n\\nSecond");
        Path file = Files.writeString(dir.resolve("long.ics"), ics);
        PythonIcalendar.Read read = PythonIcalendar.require(dir).read(List.of(file)).get(0);
        assertThat(read.summary()).isEqualTo(title);
        assertThat(read.description()).isEqualTo(details);
        VEvent event = new CalendarBuilder().build(new ByteArrayInputStream(ics.getBytes(StandardCharsets.UTF_8)))
                .getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        assertThat(event.getSummary().getValue()).isEqualTo(title);
    }

    @Test
    void descriptionsJoinWrappedLinesButKeepParagraphsAndListItems() {
        assertThat(PlainParagraphs.of("Invoicing. Lunch\nprovided.\n\nBring:\n  * a mug\n  * a\n    biscuit\n"))
                .isEqualTo("Invoicing. Lunch provided.\n\nBring:\n  * a mug\n  * a biscuit");
    }

    private static Event event(String id, String title, ZonedDateTime start) {
        return new Event(id, title, start, start.plusHours(1), "Online", "https://example.org/" + id, "Sign up", "", "",
                List.of(), SourcePosition.of(Path.of("events.yaml")));
    }
}
