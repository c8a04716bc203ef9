package org.newsletter.store.csv;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the points in time that the supported exports write, all to epoch milliseconds:
 * <ul>
 * <li>ISO-8601 instants and offset date-times: {@code 2024-08-09T10:00:00Z}, {@code 2024-08-09T11:00:00.5+01:00};</li>
 * <li>Mailchimp: {@code 2024-08-09 10:00:00}, in UTC;</li>
 * <li>PostgreSQL text: {@code 2024-01-05 10:11:12.123456+00}, {@code …+05:30};</li>
 * <li>Go's {@code time.Time.String()}, which listmonk's export writes: {@code 2024-01-05 10:11:12.123456 +0000 UTC},
 * optionally followed by a monotonic clock reading {@code m=+0.001};</li>
 * <li>a date alone, {@code 2024-08-09}, as midnight UTC.</li>
 * </ul>
 * A time without an offset is UTC. Fractions finer than a millisecond are dropped.
 */
final class Timestamps {

    private static final Pattern FORMAT = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})"                                  // date
            + "(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)"    // time
            + "(?:\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)"                     // offset,
            + "(?:\\s+[A-Za-z][A-Za-z0-9_/+-]*|\\s+[+-]\\d{2,4})?"     // then perhaps a zone name: UTC, CET, +0530
            + "|\\s*(?:UTC|GMT))?"                                    // or a zone name alone when it means UTC
            + ")?"
            + "(?:\\s+m=[+-]?[0-9.]+)?");                             // Go's monotonic clock reading

    private Timestamps() {
    }

    /** @throws IllegalArgumentException when the text is not one of the forms above */
    static long parse(String text) {
        String trimmed = text.trim();
        if (isPlainUtc(trimmed)) {
            return plainUtc(trimmed);
        }
        Matcher m = FORMAT.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a date and time such as 2024-08-09T10:00:00Z");
        }
        try {
            LocalDate date = LocalDate.parse(m.group(1));
            LocalTime time = m.group(2) == null ? LocalTime.MIDNIGHT : LocalTime.parse(m.group(2).replace(',', '.'));
            ZoneOffset offset = m.group(3) == null ? ZoneOffset.UTC : ZoneOffset.of(m.group(3));
            return LocalDateTime.of(date, time).toInstant(offset).toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a valid date and time (" + e.getMessage() + ")", e);
        }
    }

    /**
     * {@code 2024-08-09 10:00:00} (Mailchimp) or {@code 2024-08-09T10:00:00Z}: the form of nearly every
     * row of a large export, read field by field. The general path (a regular expression, then
     * java.time's parsers) cost a third of the reading thread's time on a million rows.
     */
    private static boolean isPlainUtc(String t) {
        int length = t.length();
        if (length != 19 && !(length == 20 && t.charAt(19) == 'Z')) {
            return false;
        }
        for (int i = 0; i < 19; i++) {
            char c = t.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == ' ' || c == 'T';
                case 13, 16 -> c == ':';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static long plainUtc(String t) {
        try {
            LocalDate date = LocalDate.of(number(t, 0, 4), number(t, 5, 7), number(t, 8, 10));
            LocalTime time = LocalTime.of(number(t, 11, 13), number(t, 14, 16), number(t, 17, 19));
            return LocalDateTime.of(date, time).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a valid date and time (" + e.getMessage() + ")", e);
        }
    }

    private static int number(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (t.charAt(i) - '0');
        }
        return value;
    }
}
