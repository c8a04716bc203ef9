package org.newsletter.model;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ISO 8601 calendar dates ({@code YYYY-MM-DD}) the way people type them, and when one is
 * wrong says why in words ("2024-11-31: November has 30 days", "2024-13-01: there is no month 13")
 * rather than in the JDK's terms. Used wherever a person writes a date: {@code --date}, the front
 * matter, the date at the start of an issue's name, an event's start and end.
 */
public final class IsoDate {

    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    private IsoDate() {
    }

    /** The date {@code text} names, or an {@link InvalidDateException} saying what is wrong with it. */
    public static LocalDate parse(String text) {
        String value = text.strip();
        Matcher m = DATE.matcher(value);
        if (!m.matches()) {
            throw new InvalidDateException("'" + text + "' is not a date; write it as YYYY-MM-DD, e.g. 2024-09-01");
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        String why = impossibility(year, month, day);
        if (why != null) {
            throw new InvalidDateException(value, why);
        }
        return LocalDate.of(year, month, day);
    }

    /** The first day of the month {@code text} ({@code YYYY-MM}) names, or an {@link InvalidDateException}. */
    public static LocalDate parseMonth(String text) {
        String value = text.strip();
        Matcher m = YEAR_MONTH.matcher(value);
        if (!m.matches()) {
            throw new InvalidDateException("'" + text + "' is not a month; write it as YYYY-MM, e.g. 2024-09");
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        String why = impossibility(year, month, 1);
        if (why != null) {
            throw new InvalidDateException(value, why);
        }
        return LocalDate.of(year, month, 1);
    }

    /**
     * When {@code text} starts with a well-formed {@code YYYY-MM-DD} that names no day (as in
     * {@code 2024-11-31T14:00}), why, in words ("November has 30 days"); otherwise empty.
     */
    public static Optional<String> impossibleDayAtStart(String text) {
        String value = text.strip();
        if (value.length() < 10) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(value.substring(0, 10));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(impossibility(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    /** Why year-month-day is no day of the calendar, or null when it is one. */
    private static String impossibility(int year, int month, int day) {
        if (month < 1 || month > 12) {
            return "there is no month " + month;
        }
        if (day < 1) {
            return "there is no day 0";
        }
        Month named = Month.of(month);
        int days = named.length(Year.isLeap(year));
        if (day > days) {
            String monthName = named.getDisplayName(TextStyle.FULL, Locale.UK);
            // February is the one month whose length depends on the year, so say which year.
            return (named == Month.FEBRUARY ? monthName + " " + year : monthName) + " has " + days + " days";
        }
        return null;
    }
}
