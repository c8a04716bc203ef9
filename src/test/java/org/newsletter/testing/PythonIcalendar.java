package org.newsletter.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A second, independent reader of calendar files: Python's {@code icalendar} (Debian's
 * python3-icalendar), run as a subprocess. Times are placed with the file's own VTIMEZONE (through
 * {@code Timezone.to_tz()}), not the reader's zone database, so a wrong VTIMEZONE shows.
 *
 * <p>The interpreter is {@code -Dnewsletter.python3} if set, else the first of {@code python3} on the
 * PATH and {@code /usr/bin/python3} that can import {@code icalendar}.
 */
public final class PythonIcalendar {

    private static final String HINT = "python3-icalendar not installed: apt-get install python3-icalendar";

    /** argv: calendar files. Prints, per file: UID, start and end as UTC ISO instants, SUMMARY, DESCRIPTION (JSON). */
    private static final String READ = """
            import json, sys
            import pytz
            from icalendar import Calendar

            def instant(prop, zones):
                value = prop.dt
                tzid = prop.params.get('TZID')
                if tzid:
                    value = zones[tzid].localize(value.replace(tzinfo=None))
                return value.astimezone(pytz.utc).strftime('%Y-%m-%dT%H:%M:%SZ')

            for path in sys.argv[1:]:
                with open(path, 'rb') as f:
                    calendar = Calendar.from_ical(f.read())
                zones = {str(z['TZID']): z.to_tz() for z in calendar.walk('VTIMEZONE')}
                for event in calendar.walk('VEVENT'):
                    print(json.dumps([str(event['UID']), instant(event['DTSTART'], zones), instant(event['DTEND'], zones),
                                      str(event['SUMMARY']), str(event.get('DESCRIPTION', ''))]))
            """;

    /** One event as Python read it. */
    public record Read(String uid, String start, String end, String summary, String description) {
    }

    private final Path python;
    private final Path folder;

    private PythonIcalendar(Path python, Path folder) {
        this.python = python;
        this.folder = folder;
    }

    /** The reader, or a skip of the calling test naming the package to install. */
    public static PythonIcalendar require(Path folder) {
        for (Path candidate : PythonInterpreters.candidates()) {
            ExternalTools.Result result = ExternalTools.run(List.of(candidate.toString(), "-c", "import icalendar, pytz"), null,
                    Duration.ofSeconds(60));
            if (result.exitCode() == 0) {
                return new PythonIcalendar(candidate, folder);
            }
        }
        return Assumptions.abort(HINT + " [no python3 here can import icalendar; tried: " + PythonInterpreters.candidates() + "]");
    }

    /** The events of {@code files}, in order. */
    public List<Read> read(List<Path> files) {
        try {
            Path script = folder.resolve("read-ics.py");
            Files.writeString(script, READ);
            List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
            files.forEach(file -> command.add(file.toString()));
            ExternalTools.Result result = ExternalTools.run(command, null, Duration.ofSeconds(60));
            if (result.exitCode() != 0) {
                throw new AssertionError("icalendar could not read the files (exit " + result.exitCode() + "):\n" + result.err());
            }
            return result.out().lines().map(PythonIcalendar::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Read parse(String line) {
        List<String> values = new ArrayList<>();
        JsonNode array;
        try {
            array = new ObjectMapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON from the icalendar script: " + line, e);
        }
        array.forEach(value -> values.add(value.asText()));
        return new Read(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4));
    }
}
