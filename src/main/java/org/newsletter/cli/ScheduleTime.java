package org.newsletter.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.newsletter.model.UserInputException;

/**
 * The time a staff member gives to {@code send --at} and {@code campaigns reschedule --at}: "2024-09-10 10:00"
 * (or with a T, or seconds) in the workspace's time zone, or ISO 8601 with an offset ("2024-09-10T10:00+01:00", "…Z").
 */
final class ScheduleTime {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd[ ]['T']HH:mm[:ss]", Locale.ROOT);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm zzz", Locale.ROOT);

    private ScheduleTime() {
    }

    static Instant parse(String text, ZoneId zone) {
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                // In a gap (clocks going forward) this is the same wall time after the gap; in an overlap the earlier one.
                return LocalDateTime.parse(value, LOCAL).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new UserInputException("--at: cannot read '" + text + "' as a time; write it as \"2024-09-10 10:00\" (" + zone.getId()
                        + ") or ISO 8601 with an offset, like 2024-09-10T10:00+01:00");
            }
        }
    }

    /** "2024-09-10 10:00 BST (09:00 UTC)": in the workspace's zone, and in UTC as every other time the tool prints. */
    static String show(Instant instant, ZoneId zone) {
        return SHOWN.format(ZonedDateTime.ofInstant(instant, zone)) + " (" + Times.format(instant) + ")";
    }
}
