package org.newsletter.render;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.newsletter.model.Event;

/**
 * Writes one RFC 5545 calendar per event. Start and end carry the event's TZID with a matching
 * VTIMEZONE (section 3.6.5), so calendars keep the meeting at 14:00 UK time even if UK rules change;
 * an event in UTC itself is written in UTC. The same event and stamp always give the same bytes.
 */
public final class IcsWriter {

    private static final String PRODUCT = "-//newsletter//newsletter 0.1//EN";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String uidDomain;

    /** @param uidDomain the sender's domain: UIDs must be globally unique (RFC 5545 section 3.8.4.7) */
    public IcsWriter(String uidDomain) {
        this.uidDomain = uidDomain;
    }

    /**
     * The UID is the event id at the sender's domain, so the same event announced in two issues
     * updates one calendar entry instead of making two.
     */
    public String uid(Event event) {
        return event.id() + "@" + uidDomain;
    }

    /**
     * @param details the DESCRIPTION, plain text
     * @param stamp the DTSTAMP: a fixed moment of the issue, not the time of the build, so that
     *     rebuilding gives the same file
     */
    public String write(Event event, String details, Instant stamp) {
        ZoneId zone = event.start().getZone();
        boolean utc = zone.normalized() instanceof ZoneOffset offset && offset.getTotalSeconds() == 0;
        ContentLines out = new ContentLines()
                .raw("BEGIN", "VCALENDAR")
                .raw("PRODID", PRODUCT)
                .raw("VERSION", "2.0")
                .raw("CALSCALE", "GREGORIAN")
                .raw("METHOD", "PUBLISH");
        if (!utc) {
            TimeZoneComponent.write(out, zone, event.start().getYear(), event.end().getYear());
        }
        out.raw("BEGIN", "VEVENT")
                .text("UID", uid(event))
                .raw("DTSTAMP", UTC.format(stamp));
        dateTime(out, "DTSTART", event.start(), utc);
        dateTime(out, "DTEND", event.end(), utc);
        out.raw("SEQUENCE", "0").text("SUMMARY", event.title());
        if (!event.location().isEmpty()) {
            out.text("LOCATION", event.location());
        }
        if (!details.isEmpty()) {
            out.text("DESCRIPTION", details);
        }
        if (event.url().startsWith("https://") || event.url().startsWith("http://")) {
            out.raw("URL", event.url());
        }
        return out.raw("END", "VEVENT").raw("END", "VCALENDAR").toString();
    }

    private static void dateTime(ContentLines out, String name, ZonedDateTime time, boolean utc) {
        if (utc) {
            out.raw(name, UTC.format(time));
        } else {
            // TZID values are not quoted: IANA names hold no ':', ';' or ','.
            out.raw(name + ";TZID=" + time.getZone().getId(), LOCAL.format(time.toLocalDateTime()));
        }
    }
}
