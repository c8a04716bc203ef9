package org.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.Tracking;

/** The {@code tracking:} key of newsletter.yaml: off by default, every value, and one clear error with its line. */
class TrackingReaderTest {

    static Tracking read(String extra) {
        return new SiteConfigReader().parse(Path.of("/ws/newsletter.yaml"), SendingSettingsReaderTest.BASE + extra).tracking();
    }

    @Test
    void everythingIsOffUnlessAskedFor() {
        assertThat(read("")).isEqualTo(Tracking.OFF);
        assertThat(read("tracking: {}\n")).isEqualTo(Tracking.OFF);
        assertThat(read("tracking: {clicks: off, opens: off, utm: false}\n")).isEqualTo(Tracking.OFF);
        assertThat(Tracking.OFF.changesLinks()).isFalse();
    }

    @Test
    void readsEveryKey() {
        Tracking tracking = read("""
                tracking:
                  clicks: per_person
                  opens: aggregate
                  utm: true
                  utm_domains: [Shop.Example.ORG, events.example.net]
                """);
        assertThat(tracking).isEqualTo(new Tracking(Tracking.Clicks.PER_PERSON, true, true, List.of("shop.example.org", "events.example.net")));
        assertThat(read("tracking: {clicks: aggregate}\n").clicks()).isEqualTo(Tracking.Clicks.AGGREGATE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "tracking: {clicks: everyone}|newsletter.yaml:4|tracking.clicks must be off, aggregate or per_person, not 'everyone'",
        "tracking: {opens: per_person}|newsletter.yaml:4|tracking.opens must be off or aggregate",
        "tracking: {utm: yes please}|newsletter.yaml:4|tracking.utm must be true or false, not 'yes please'",
        "tracking: {utm_domains: example.org}|newsletter.yaml:4|tracking.utm_domains must be a list",
        "tracking: {utm_domains: ['https://example.org/']}|newsletter.yaml:4|'https://example.org/' is not a host name",
        "tracking: {click: aggregate}|newsletter.yaml:4|click",
        "tracking: aggregate|newsletter.yaml:4|'tracking' must be a map",
    })
    void aBadValueIsOneLineWithItsPlace(String yaml, String where, String what) {
        assertThatThrownBy(() -> read(yaml + "\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(where)
                .hasMessageContaining(what)
                .satisfies(e -> assertThat(e.getMessage().strip()).doesNotContain("\n"));
    }
}
