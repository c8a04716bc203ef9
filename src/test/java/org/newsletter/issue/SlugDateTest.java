package org.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.newsletter.model.InvalidDateException;

class SlugDateTest {

    @Test
    void aMonthOrADayAtTheStartOfTheName() {
        assertThat(SlugDate.of("2024-09-team-update")).contains(LocalDate.of(2024, 9, 1));
        assertThat(SlugDate.of("2024-09")).contains(LocalDate.of(2024, 9, 1));
        assertThat(SlugDate.of("2024-09-15")).contains(LocalDate.of(2024, 9, 15));
        assertThat(SlugDate.of("2024-09-15-extra")).contains(LocalDate.of(2024, 9, 15));
        assertThat(SlugDate.of("2024-09-150-people")).as("150 is no day: the month only").contains(LocalDate.of(2024, 9, 1));
    }

    @Test
    void noDateWhereNoneIsMeant() {
        assertThat(SlugDate.of("team-update")).isEmpty();
        assertThat(SlugDate.of("2024-summer")).isEmpty();
        assertThat(SlugDate.of("20240-09-x")).isEmpty();
        assertThat(SlugDate.of("2024-091-x")).isEmpty();
        assertThat(SlugDate.of("issue-2024-09")).isEmpty();
    }

    @Test
    void aDateThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> SlugDate.of("2024-13-update")).isInstanceOf(InvalidDateException.class)
                .hasMessageStartingWith("2024-13-update: there is no month 13");
        assertThatThrownBy(() -> SlugDate.of("2024-09-31-update")).hasMessageStartingWith("2024-09-31-update: September has 30 days");
    }
}
