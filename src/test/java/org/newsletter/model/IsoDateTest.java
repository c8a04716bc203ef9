package org.newsletter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsoDateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "2024-11-31|2024-11-31: November has 30 days",
            "2024-13-01|2024-13-01: there is no month 13",
            "2024-00-10|2024-00-10: there is no month 0",
            "2024-04-00|2024-04-00: there is no day 0",
            "2023-02-29|2023-02-29: February 2023 has 28 days",
            "1900-02-29|1900-02-29: February 1900 has 28 days",
            "2024-02-30|2024-02-30: February 2024 has 29 days",
            "2024-01-32|2024-01-32: January has 31 days",
            "2024/01/05|'2024/01/05' is not a date; write it as YYYY-MM-DD, e.g. 2024-09-01",
            "2024-1-5|'2024-1-5' is not a date; write it as YYYY-MM-DD, e.g. 2024-09-01"})
    void saysWhatIsWrongInWords(String text, String message) {
        assertThatThrownBy(() -> IsoDate.parse(text)).isInstanceOf(InvalidDateException.class).hasMessage(message);
    }

    @Test
    void acceptsEveryDayOfTheCalendarAndNothingElse() {
        // Every day of four years, leap years included, and random impossible ones, against java.time.
        for (LocalDate day = LocalDate.of(1999, 1, 1); day.isBefore(LocalDate.of(2003, 1, 1)); day = day.plusDays(1)) {
            assertThat(IsoDate.parse(day.toString())).isEqualTo(day);
        }
        assertThat(IsoDate.parse("2000-02-29")).isEqualTo(LocalDate.of(2000, 2, 29));
        Random random = new Random(14);
        for (int i = 0; i < 2000; i++) {
            String text = "%04d-%02d-%02d".formatted(1900 + random.nextInt(300), random.nextInt(14), random.nextInt(33));
            LocalDate expected;
            try {
                expected = LocalDate.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                expected = null;
            }
            if (expected == null) {
                assertThatThrownBy(() -> IsoDate.parse(text)).as(text).isInstanceOf(InvalidDateException.class).hasMessageStartingWith(text + ": ");
            } else {
                assertThat(IsoDate.parse(text)).isEqualTo(expected);
            }
        }
    }

    @Test
    void monthsAndDaysInsideLongerText() {
        assertThat(IsoDate.parseMonth("2024-09")).isEqualTo(LocalDate.of(2024, 9, 1));
        assertThatThrownBy(() -> IsoDate.parseMonth("2024-13")).hasMessage("2024-13: there is no month 13");
        assertThat(IsoDate.impossibleDayAtStart("2024-11-31T14:00")).contains("November has 30 days");
        assertThat(IsoDate.impossibleDayAtStart("2024-11-30T14:00")).isEmpty();
        assertThat(IsoDate.impossibleDayAtStart("tomorrow at two")).isEmpty();
    }
}
