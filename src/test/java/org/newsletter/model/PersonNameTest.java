package org.newsletter.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule every way in (staff, import, subscribe form, preference centre) applies to a name. */
class PersonNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"Siân Llŷr", "Zoë O'Brien-Ng", "山田 太郎", "Ana\u00a0María"})
    void realNamesAreAccepted(String name) {
        assertThat(PersonName.hasControlCharacter(name)).isFalse();
        assertThat(PersonName.acceptableFromForm(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Judy\r\nBcc: x@example.org", "Judy\tSmith", "Judy\u001b[2J", "Ju\u0000dy", "Judy\u0085"})
    void controlCharactersAreRefusedEverywhere(String name) {
        assertThat(PersonName.hasControlCharacter(name)).isTrue();
        assertThat(PersonName.acceptableFromForm(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {99, 100})
    void aFormNameUpToTheLimitIsAccepted(int length) {
        assertThat(PersonName.acceptableFromForm("a".repeat(length))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 5000})
    void aLongerFormNameIsRefused(int length) {
        assertThat(PersonName.acceptableFromForm("a".repeat(length))).isFalse();
    }
}
