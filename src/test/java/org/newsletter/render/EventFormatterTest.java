package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.newsletter.model.Event;
import org.newsletter.model.SourcePosition;

class EventFormatterTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static Event event(LocalDateTime start, LocalDateTime end, ZoneId zone) {
        return new Event("e", "E", ZonedDateTime.of(start, zone), ZonedDateTime.of(end, zone), null, null, null,
                null, null, List.of(), SourcePosition.of(java.nio.file.Path.of("events.yaml")));
    }

    @Test
    void britishEnglishReadsLikeTheSeed() {
        Event cuppa = event(LocalDateTime.of(2024, 9, 6, 14, 0), LocalDateTime.of(2024, 9, 6, 15, 30), LONDON);
        assertThat(new EventFormatter(Locale.forLanguageTag("en-GB")).when(cuppa))
                .isEqualTo("Friday 6 September 2024, 14:00\u201315:30 (UK time)");
    }

    @Test
    void theDayAfterTheClocksGoBackIsStillTenOClockLocalButAnHourLaterInUtc() {
        // UK clocks went back at 02:00 BST on Sunday 27 October 2024.
        Event before = event(LocalDateTime.of(2024, 10, 26, 10, 0), LocalDateTime.of(2024, 10, 26, 11, 0), LONDON);
        Event after = event(LocalDateTime.of(2024, 10, 28, 10, 0), LocalDateTime.of(2024, 10, 28, 11, 0), LONDON);
        EventFormatter formatter = new EventFormatter(Locale.UK);
        assertThat(formatter.when(before)).isEqualTo("Saturday 26 October 2024, 10:00\u201311:00 (UK time)");
        assertThat(formatter.when(after)).isEqualTo("Monday 28 October 2024, 10:00\u201311:00 (UK time)");
        assertThat(before.start().toInstant().toString()).isEqualTo("2024-10-26T09:00:00Z");
        assertThat(after.start().toInstant().toString()).isEqualTo("2024-10-28T10:00:00Z");
        assertThat(CalendarLinks.google(after, "")).contains("dates=20241028T100000Z/20241028T110000Z");
        Event spring = event(LocalDateTime.of(2025, 3, 31, 10, 0), LocalDateTime.of(2025, 3, 31, 11, 0), LONDON);
        assertThat(CalendarLinks.outlook(spring, "")).contains("startdt=2025-03-31T09%3A00%3A00Z");
    }

    @Test
    void anEventPastMidnightShowsBothDates() {
        Event late = event(LocalDateTime.of(2024, 12, 31, 22, 0), LocalDateTime.of(2025, 1, 1, 1, 0), LONDON);
        assertThat(new EventFormatter(Locale.UK).when(late))
                .isEqualTo("Tuesday 31 December 2024, 22:00 \u2013 Wednesday 1 January 2025, 01:00 (UK time)");
    }

    @Test
    void otherLanguagesAndZonesUseTheirOwnWords() {
        Event paris = event(LocalDateTime.of(2024, 9, 6, 14, 0), LocalDateTime.of(2024, 9, 6, 15, 30), ZoneId.of("Europe/Paris"));
        assertThat(new EventFormatter(Locale.FRENCH).date(paris.start())).isEqualTo("vendredi 6 septembre 2024");
        assertThat(new EventFormatter(Locale.UK).zoneLabel(paris.start().getZone())).isEqualTo("Central European Time");
        assertThat(new EventFormatter(Locale.US).when(paris)).startsWith("Friday, September 6, 2024, 2:00");
    }
}
