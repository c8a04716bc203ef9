package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.AddressProblem;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.render.MessageBundle;

/**
 * Why the subscribe form refuses an address is said in the reader's language: the parser's reason
 * comes from the message bundles, which have every reason in all five shipped languages.
 */
class AddressReasonLanguageTest {

    @TempDir
    Path dir;

    @Test
    void aWelshOrGermanReaderReadsWhyTheAddressIsRefusedInTheirLanguage() throws Exception {
        try (SiteHarness site = SiteHarness.start(SiteHarness.workspace(dir.resolve("w")), new CapturedMail())) {
            assertThat(error(site, "cy", "someone@localhost"))
                    .isEqualTo("Dydy’r cyfeiriad e-bost hwnnw ddim yn edrych yn iawn: mae angen dot yn y parth, e.e. example.org.");
            assertThat(error(site, "de", "someone@localhost"))
                    .isEqualTo("Diese E-Mail-Adresse sieht nicht richtig aus: die Domain braucht einen Punkt, z. B. example.org.");
            assertThat(error(site, "de", "jo(x)@example.org"))
                    .isEqualTo("Diese E-Mail-Adresse sieht nicht richtig aus: das Zeichen „(“ ist vor dem @ nicht erlaubt.");
            assertThat(error(site, "cy", "jo@@example.org")).endsWith(": mwy nag un @.");
            assertThat(error(site, "fr", "jo.example.org")).isEqualTo("Cette adresse e-mail ne semble pas correcte : pas de @.");
            assertThat(error(site, "es", "jo@-x.example.org")).contains("la parte «-x» del dominio empieza por un guion");
            assertThat(error(site, "en", "jo@-x.example.org")).isEqualTo("That email address does not look right: the domain part ‘-x’ starts with a hyphen.");
        }
    }

    private static String error(SiteHarness site, String language, String address) throws Exception {
        var answer = site.post("/subscribe", "email=" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&list=news",
                Map.of("Accept-Language", language));
        assertThat(answer.statusCode()).as("answer to %s", address).isEqualTo(400);
        return Jsoup.parse(answer.body()).selectFirst("p.error").text().replace('\u00a0', ' ');
    }

    /** Every reason the parser gives has its words in every shipped language, with the same values in them. */
    @Test
    void everyReasonIsInEveryShippedLanguage() {
        for (AddressProblem problem : AddressProblem.values()) {
            MessageBundle english = MessageBundle.of(Locale.ENGLISH, null);
            List<String> wanted = placeholders(english.optional(problem.key()).orElseThrow(() -> new AssertionError("no English " + problem.key())));
            for (String language : MessageBundle.SHIPPED) {
                MessageBundle words = MessageBundle.of(Locale.forLanguageTag(language), null);
                assertThat(words.translates(problem.key())).as("%s in messages_%s.properties", problem.key(), language).isTrue();
                // A reason may leave out a detail (the IDN library's own English words), never add one.
                assertThat(wanted).as("values of %s in %s", problem.key(), language)
                        .containsAll(placeholders(words.optional(problem.key()).orElseThrow()));
            }
        }
    }

    @Test
    void theParserSaysWhichReasonItGave() {
        InvalidAddressException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidAddressException.class,
                () -> EmailAddress.parse("jo@exa_mple.org"));
        assertThat(e.problem()).isEqualTo(AddressProblem.LABEL_CHARACTER);
        assertThat(e.values()).containsExactly("exa_mple", "_");
        assertThat(e.reason()).isEqualTo("domain label 'exa_mple' has an invalid character '_'");
    }

    private static List<String> placeholders(String pattern) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\\d}").matcher(pattern);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
