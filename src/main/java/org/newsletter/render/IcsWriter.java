package org.newsletter.render;

import java.time.Instant;
import java.time.ZoneId;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.newsletter.model.Event;

/**
 * Writes one RFC 5545 calendar per event with ical4j, which does the folding, escaping and VTIMEZONE
 * for us. Start and end carry the event's TZID with a matching VTIMEZONE (RFC 5545 section 3.6.5), so
 * calendars keep the meeting at 14:00 UK time even if UK rules change.
 */
public final class IcsWriter {

    private static final String PRODUCT = "-//newsletter//newsletter 0.1//EN";

    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();
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

    public String write(Event event, String details, Instant stamp) {
        VEvent vevent = new VEvent(event.start(), event.end(), event.title());
        vevent.add(new Uid(uid(event)));
        vevent.replace(new DtStamp(stamp));
        vevent.add(new Sequence(0));
        if (!event.location().isEmpty()) {
            vevent.add(new Location(event.location()));
        }
        if (!details.isEmpty()) {
            vevent.add(new Description(details));
        }
        if (event.url().startsWith("https://") || event.url().startsWith("http://")) {
            vevent.add(new Url(java.net.URI.create(event.url())));
        }
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Method("PUBLISH"));
        calendar.add(vevent);
        TimeZone zone = zones.getTimeZone(zoneId(event));
        if (zone != null) {
            calendar.add(zone.getVTimeZone());
        }
        return calendar.toString();
    }

    private static String zoneId(Event event) {
        ZoneId zone = event.start().getZone();
        return zone.getId();
    }
}
