package org.newsletter.mail;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The Date header's date-time (RFC 5322 section 3.3), in UTC: {@code Thu, 1 Aug 2024 09:00:00 +0000}.
 * Written by hand rather than with {@code DateTimeFormatter.RFC_1123_DATE_TIME}, which writes "GMT",
 * a zone section 4.3 lists as obsolete, and whose names could depend on locale data.
 */
public final class MessageDate {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private MessageDate() {
    }

    public static String format(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(31);
        out.append(DAYS[time.getDayOfWeek().ordinal()]).append(", ").append(time.getDayOfMonth()).append(' ')
                .append(MONTHS[time.getMonthValue() - 1]).append(' ');
        String year = Integer.toString(time.getYear());
        out.append("0000", 0, Math.max(0, 4 - year.length())).append(year).append(' ');
        twoDigits(out, time.getHour()).append(':');
        twoDigits(out, time.getMinute()).append(':');
        twoDigits(out, time.getSecond());
        return out.append(" +0000").toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
