package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which text a sender may put on the wire without SMTP's dot-stuffing (RFC 5321 section 4.5.2). */
class LeadingDotsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|true",
        "Subject: a.b\\r\\n\\r\\nbody.\\r\\n|true",
        ".|false",
        ".starts\\r\\n|false",
        "a\\r\\n.b|false",
        "a\\n.b|false",
        "a\\r\\n\\r\\n.\\r\\n|false",
        "a\\r.b|true",
        "a.\\r\\nb.|true",
    })
    void aLineThatStartsWithADotIsFound(String escaped, boolean none) {
        String text = escaped.replace("\\r", "\r").replace("\\n", "\n");
        assertThat(LeadingDots.none(text.getBytes(StandardCharsets.US_ASCII))).as(escaped).isEqualTo(none);
        assertThat(LeadingDots.none(text)).as(escaped).isEqualTo(none);
    }
}
