package org.newsletter.yaml;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.SourcePosition;

/**
 * Parses IANA time zone names. Fixed offsets and abbreviations ("BST", "+01:00") are refused because
 * they are wrong half the year for anyone with daylight saving time.
 */
public final class TimeZones {

    private TimeZones() {
    }

    /** Returns the zone, or null after reporting an error. */
    public static ZoneId parse(String value, SourcePosition at, Diagnostics problems) {
        String name = value.trim();
        try {
            ZoneId zone = ZoneId.of(name);
            if (zone instanceof ZoneOffset || name.startsWith("GMT+") || name.startsWith("UTC+")
                    || name.startsWith("GMT-") || name.startsWith("UTC-")) {
                problems.error(at, "'" + value + "' is a fixed offset; use an IANA zone name such as Europe/London");
                return null;
            }
            return zone;
        } catch (DateTimeException e) {
            problems.error(at, "unknown time zone '" + value + "'; use an IANA zone name such as Europe/London");
            return null;
        }
    }
}
