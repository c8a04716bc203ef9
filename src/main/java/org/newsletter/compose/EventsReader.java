package org.newsletter.compose;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.IsoDate;
import org.newsletter.model.SourcePosition;
import org.newsletter.yaml.TimeZones;
import org.newsletter.yaml.YamlList;
import org.newsletter.yaml.YamlMap;
import org.newsletter.yaml.YamlNode;
import org.newsletter.yaml.YamlReader;
import org.newsletter.yaml.YamlScalar;

/**
 * Reads an issue's events.yaml. Times are local to the file's (or event's) IANA zone and are fixed
 * to instants here, so a time that does not exist (the hour skipped when clocks go forward) is an
 * error rather than a silent shift.
 */
final class EventsReader {

    /**
     * An issue is one email: Gmail clips messages over 102 KB, and a few hundred events already exceed
     * that. The limit keeps a generated or pasted file from exhausting memory in the renderer.
     */
    static final int MAX_EVENTS = 200;
    static final Set<String> FILE_KEYS = Set.of("timezone", "events");
    static final Set<String> EVENT_KEYS = Set.of(
            "id", "title", "start", "end", "duration", "timezone", "location", "url", "button", "description", "tags");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]*");
    /** ISO local date-time with a 'T' or a space, seconds optional. */
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .toFormatter()
            // STRICT: the default (SMART) quietly turns 2024-11-31 into 2024-11-30.
            .withResolverStyle(ResolverStyle.STRICT);

    private final YamlReader yaml = new YamlReader();

    /** Reads {@code file} if it exists; an issue without events.yaml simply has no events. */
    List<EventDraft> read(Path file, ZoneId defaultZone, Diagnostics problems) {
        if (!Files.exists(file)) {
            return List.of();
        }
        YamlNode root = yaml.read(file, SourceFile.read(file), 1);
        if (!(root instanceof YamlMap map)) {
            throw InvalidInputException.at(root.position(), "events.yaml must be a map with timezone: and events:, not " + root.kind());
        }
        map.rejectUnknownKeys(FILE_KEYS, "events.yaml", problems);
        ZoneId zone = defaultZone;
        String zoneName = map.text("timezone", problems);
        if (zoneName != null) {
            ZoneId parsed = TimeZones.parse(zoneName, map.positionOf("timezone"), problems);
            zone = parsed == null ? defaultZone : parsed;
        }
        YamlNode events = map.get("events");
        if (events == null || (events instanceof YamlScalar s && s.isNull())) {
            return List.of();
        }
        if (!(events instanceof YamlList list)) {
            problems.error(events.position(), "'events' must be a list of events (each starting with '- id:')");
            return List.of();
        }
        if (list.items().size() > MAX_EVENTS) {
            throw InvalidInputException.at(list.position(), "events.yaml has " + list.items().size()
                    + " events; the limit is " + MAX_EVENTS + " per issue: split them over several issues or link to a calendar");
        }
        List<EventDraft> drafts = new ArrayList<>();
        Map<String, SourcePosition> seen = new HashMap<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlMap event)) {
                problems.error(item.position(), "each event must be a map with id:, title:, start: …, not " + item.kind());
                continue;
            }
            EventDraft draft = readEvent(event, zone, problems);
            if (draft == null) {
                continue;
            }
            SourcePosition first = seen.putIfAbsent(draft.id(), draft.position());
            if (first != null) {
                problems.error(event.positionOf("id"), "duplicate event id '" + draft.id() + "' (first used at line " + first.line() + ")");
                continue;
            }
            drafts.add(draft);
        }
        drafts.sort(Comparator.comparing(EventDraft::start).thenComparing(EventDraft::id));
        return drafts;
    }

    private EventDraft readEvent(YamlMap event, ZoneId fileZone, Diagnostics problems) {
        int before = problems.all().size();
        event.rejectUnknownKeys(EVENT_KEYS, "event", problems);
        String id = event.requiredText("id", "event", problems);
        if (id != null && !ID.matcher(id).matches()) {
            problems.error(event.positionOf("id"), "event id '" + id + "' must be lower-case letters, digits and '-' (it names the .ics file)");
        }
        String title = event.requiredText("title", "event", problems);
        ZoneId zone = fileZone;
        String zoneName = event.text("timezone", problems);
        if (zoneName != null) {
            zone = TimeZones.parse(zoneName, event.positionOf("timezone"), problems);
        }
        ZonedDateTime start = zone == null ? null : instant(event, "start", zone, true, problems);
        ZonedDateTime end = zone == null || start == null ? null : end(event, start, zone, problems);
        String url = url(event, problems);
        List<String> tags = tags(event, problems);
        String location = event.text("location", problems);
        String button = event.text("button", problems);
        String description = event.text("description", problems);
        boolean failed = problems.all().subList(before, problems.all().size()).stream().anyMatch(d -> d.isError());
        if (failed || id == null || title == null || start == null || end == null) {
            return null;
        }
        return new EventDraft(id, title.strip(), start, end, location, url, button, description, tags, event.position(),
                event.positionOf("description"));
    }

    private static ZonedDateTime instant(YamlMap event, String key, ZoneId zone, boolean required, Diagnostics problems) {
        String value = required ? event.requiredText(key, "event", problems) : event.text(key, problems);
        if (value == null) {
            return null;
        }
        SourcePosition at = event.positionOf(key);
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(value.trim(), LOCAL);
        } catch (DateTimeParseException e) {
            // A well-formed but impossible day ("2024-11-31T14:00") is explained in words.
            String why = IsoDate.impossibleDayAtStart(value)
                    .map(impossible -> "'" + key + "' " + value.strip() + ": " + impossible)
                    .orElse("'" + key + "' value '" + value + "' is not a date and time; write it as YYYY-MM-DDTHH:MM, e.g. 2024-09-06T14:00");
            problems.error(at, why);
            return null;
        }
        var offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            problems.error(at, "'" + key + "' " + value + " does not exist in " + zone.getId()
                    + ": the clocks go forward then; pick a time outside the skipped hour");
            return null;
        }
        if (offsets.size() > 1) {
            problems.error(at, "'" + key + "' " + value + " happens twice in " + zone.getId()
                    + " (the clocks go back then); pick another time");
            return null;
        }
        return ZonedDateTime.ofLocal(local, zone, offsets.get(0));
    }

    private static ZonedDateTime end(YamlMap event, ZonedDateTime start, ZoneId zone, Diagnostics problems) {
        boolean hasEnd = event.has("end");
        boolean hasDuration = event.has("duration");
        if (hasEnd && hasDuration) {
            problems.error(event.positionOf("duration"), "give either 'end' or 'duration', not both");
            return null;
        }
        if (!hasEnd && !hasDuration) {
            problems.error(event.positionOf("start"), "event needs an 'end' (YYYY-MM-DDTHH:MM) or a 'duration' (e.g. PT1H30M)");
            return null;
        }
        ZonedDateTime end;
        SourcePosition at;
        if (hasEnd) {
            end = instant(event, "end", zone, false, problems);
            at = event.positionOf("end");
        } else {
            String value = event.text("duration", problems);
            at = event.positionOf("duration");
            try {
                Duration duration = Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
                end = start.plus(duration);
            } catch (DateTimeException e) {
                problems.error(at, "duration '" + value + "' is not an ISO 8601 duration; write e.g. PT1H30M or PT90M");
                return null;
            }
        }
        if (end != null && !end.isAfter(start)) {
            problems.error(at, "event ends before it starts (" + end.toLocalDateTime() + " is not after " + start.toLocalDateTime() + ")");
            return null;
        }
        return end;
    }

    private static String url(YamlMap event, Diagnostics problems) {
        String value = event.text("url", problems);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme();
            if (!"https".equals(scheme) && !"http".equals(scheme) && !"mailto".equals(scheme)) {
                problems.error(event.positionOf("url"), "url '" + value + "' must start with https:, http: or mailto:");
                return null;
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            problems.error(event.positionOf("url"), "url '" + value + "' is not a valid URL: " + e.getReason()
                    + " (spaces must be written %20)");
            return null;
        }
    }

    private static List<String> tags(YamlMap event, Diagnostics problems) {
        YamlNode node = event.get("tags");
        List<YamlNode> items;
        if (node == null || (node instanceof YamlScalar s && s.isNull())) {
            return List.of();
        } else if (node instanceof YamlList list) {
            items = list.items();
        } else {
            items = List.of(node);
        }
        List<String> tags = new ArrayList<>();
        for (YamlNode item : items) {
            if (item instanceof YamlScalar scalar && scalar.value() != null && TAG.matcher(scalar.value().trim()).matches()) {
                tags.add(scalar.value().trim());
            } else {
                problems.error(item.position(), "tags must be single words such as cuppa or drop-in");
            }
        }
        return tags;
    }
}
