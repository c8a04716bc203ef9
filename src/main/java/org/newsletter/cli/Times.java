package org.newsletter.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How commands print instants: UTC, to the minute, unambiguous for anyone reading a log. */
final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String format(Instant instant) {
        return instant == null ? "-" : FORMAT.format(instant);
    }
}
