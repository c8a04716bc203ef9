package org.newsletter.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.newsletter.model.Event;

/**
 * "Add to calendar" links for the two web calendars people use most. Both take UTC instants so the
 * reader's calendar shows the event in their own zone; Google also gets the event's zone for display.
 */
public final class CalendarLinks {

    private static final DateTimeFormatter GOOGLE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter OUTLOOK = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    /** Keep links short: some clients mangle very long URLs, and descriptions can be long. */
    private static final int MAX_DETAILS = 600;

    private static final String GOOGLE_START = "https://calendar.google.com/calendar/render?";
    private static final String OUTLOOK_START = "https://outlook.live.com/calendar/0/deeplink/compose?";

    private CalendarLinks() {
    }

    /** Whether {@code url} is one of the "add to calendar" links made here (click tracking leaves them alone). */
    public static boolean isAddToCalendar(String url) {
        return url.startsWith(GOOGLE_START) || url.startsWith(OUTLOOK_START);
    }

    public static String google(Event event, String details) {
        return GOOGLE_START + "action=TEMPLATE"
                + "&text=" + encode(event.title())
                + "&dates=" + GOOGLE.format(event.start().withZoneSameInstant(ZoneOffset.UTC))
                + "/" + GOOGLE.format(event.end().withZoneSameInstant(ZoneOffset.UTC))
                + "&ctz=" + encode(event.start().getZone().getId())
                + (details.isEmpty() ? "" : "&details=" + encode(shorten(details)))
                + (event.location().isEmpty() ? "" : "&location=" + encode(event.location()));
    }

    public static String outlook(Event event, String details) {
        return OUTLOOK_START + "path=%2Fcalendar%2Faction%2Fcompose&rru=addevent"
                + "&subject=" + encode(event.title())
                + "&startdt=" + encode(OUTLOOK.format(event.start().withZoneSameInstant(ZoneOffset.UTC)))
                + "&enddt=" + encode(OUTLOOK.format(event.end().withZoneSameInstant(ZoneOffset.UTC)))
                + (details.isEmpty() ? "" : "&body=" + encode(shorten(details)))
                + (event.location().isEmpty() ? "" : "&location=" + encode(event.location()));
    }

    private static String shorten(String text) {
        return text.length() <= MAX_DETAILS ? text : text.substring(0, MAX_DETAILS - 1) + "\u2026";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
