package org.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.Site;
import org.newsletter.testing.IssueFixture;

class SiteConfigReaderTest {

    private static final Path FILE = Path.of("newsletter.yaml");

    private static Site read(String yaml) {
        return new SiteConfigReader().parse(FILE, yaml).site();
    }

    private static String errorsOf(String yaml) {
        try {
            read(yaml);
        } catch (InvalidInputException e) {
            return String.join("\n", e.diagnostics().stream().map(Object::toString).toList());
        }
        throw new AssertionError("expected an error");
    }

    @Test
    void readsTheTestConfiguration() {
        Site site = read(IssueFixture.CONFIG);
        assertThat(site.organisation()).isEqualTo("Test Network");
        assertThat(site.sender().name()).isEqualTo("Test Network");
        assertThat(site.sender().domain()).isEqualTo("example.org");
        assertThat(site.replyTo().address()).isEqualTo("hello@example.org");
        assertThat(site.issueUrl("s").toString()).isEqualTo("https://news.example.org/archive/s/");
        assertThat(site.timeZone().getId()).isEqualTo("Europe/London");
    }

    @Test
    void baseUrlWithoutTrailingSlashStillResolvesUnderIt() {
        Site site = read(IssueFixture.CONFIG.replace("https://news.example.org/", "https://example.org/news"));
        assertThat(site.issueUrl("s").toString()).isEqualTo("https://example.org/news/archive/s/");
    }

    @Test
    void everyBadValueIsReportedWithItsLine() {
        String errors = errorsOf("""
                organisation: X
                base_url: ftp://example.org
                sender: "not an address"
                language: "english please"
                timezone: Mars/Olympus
                colour: blue
                """);
        assertThat(errors)
                .contains("newsletter.yaml:2:11: error: base_url must be an http(s) URL")
                .contains("newsletter.yaml:3:9: error: 'sender'")
                .contains("newsletter.yaml:4:11: error: 'english please' is not a language tag")
                .contains("newsletter.yaml:5:11: error: unknown time zone 'Mars/Olympus'")
                .contains("newsletter.yaml:6:1: error: unknown key 'colour'");
    }

    @Test
    void missingRequiredKeysAreNamed() {
        assertThat(errorsOf("organisation: X\n")).contains("missing required key 'base_url'").contains("missing required key 'sender'");
    }

    @Test
    void duplicateKeysAreAnErrorNotALastOneWins() {
        assertThatThrownBy(() -> read(IssueFixture.CONFIG + "organisation: Other\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("duplicate key 'organisation'");
    }

    @Test
    void aYamlTagOrAliasInTheConfigIsAnErrorAtItsLine() {
        assertThat(errorsOf(IssueFixture.CONFIG.replace("language: en-GB", "language: !lang en-GB"))).contains("newsletter.yaml:").contains("YAML tag '!lang' is not supported");
        assertThat(errorsOf("organisation: &o Test\nsender: *o\n")).contains("newsletter.yaml:1:").contains("YAML anchor '&o'");
    }
}
