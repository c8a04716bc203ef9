package org.newsletter.render;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import org.newsletter.model.Event;

/**
 * Generates every human-readable date, weekday and time from the event data in the language,
 * so "Thursday 15 August" can never disagree with the date it describes.
 */
public final class EventFormatter {

    private final MessageBundle words;
    private final Locale locale;
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;

    public EventFormatter(Locale locale) {
        this(MessageBundle.of(locale, null));
    }

    /** Dates in the bundle's language, zone labels from its {@code zone.AREA/CITY} keys. */
    public EventFormatter(MessageBundle words) {
        this.words = words;
        this.locale = words.locale();
        Locale locale = this.locale;
        this.date = dateFormat(locale);
        this.time = "en".equals(locale.getLanguage()) && !"US".equals(locale.getCountry())
                ? DateTimeFormatter.ofPattern("HH:mm", locale)
                : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
    }

    /** British and most English usage is "Friday 6 September 2024"; US English and other languages use their CLDR full date. */
    private static DateTimeFormatter dateFormat(Locale locale) {
        if ("en".equals(locale.getLanguage()) && !"US".equals(locale.getCountry())) {
            return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale);
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
    }

    /** "Friday 6 September 2024". */
    public String date(ZonedDateTime when) {
        return date.format(when);
    }

    /** "14:00". */
    public String time(ZonedDateTime when) {
        return time.format(when);
    }

    /** "UK time", "Central European Time". */
    public String zoneLabel(ZoneId zone) {
        return words.optional("zone." + zone.getId()).orElseGet(() -> zone.getDisplayName(TextStyle.FULL, locale));
    }

    public MessageBundle words() {
        return words;
    }

    /** "14:00–15:30", or with both dates when the event runs past midnight. */
    public String timeRange(Event event) {
        if (sameDay(event)) {
            return time(event.start()) + "\u2013" + time(event.end());
        }
        return time(event.start()) + " \u2013 " + date(event.end()) + ", " + time(event.end());
    }

    /** "Friday 6 September 2024, 14:00–15:30 (UK time)". */
    public String when(Event event) {
        return date(event.start()) + ", " + timeRange(event) + " (" + zoneLabel(event.start().getZone()) + ")";
    }

    private static boolean sameDay(Event event) {
        return event.start().toLocalDate().equals(event.end().toLocalDate());
    }
}
