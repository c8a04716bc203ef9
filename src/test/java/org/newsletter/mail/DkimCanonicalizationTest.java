package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The relaxed canonicalization against the worked example of RFC 6376 section 3.4.5, and its edges. */
class DkimCanonicalizationTest {

    /** RFC 6376 section 3.4.5, with its SP, HTAB and CRLF written out. */
    private static final String RFC_EXAMPLE = "A: X\r\n"
            + "B : Y\t\r\n"
            + "\tZ  \r\n"
            + "\r\n"
            + " C \r\n"
            + "D \t E\r\n"
            + "\r\n"
            + "\r\n";

    @Test
    void headersAsInTheRfcExample() {
        RawMessage message = RawMessage.parse(ascii(RFC_EXAMPLE));

        assertThat(message.fields()).extracting(RawMessage.Field::name).containsExactly("A", "B");
        assertThat(canonicalHeaders(message)).isEqualTo("a:X\r\nb:Y Z\r\n");
    }

    @Test
    void bodyAsInTheRfcExample() {
        RawMessage message = RawMessage.parse(ascii(RFC_EXAMPLE));

        assertThat(body(message)).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void emptyBodiesBecomeNothingAndAMissingFinalCrlfIsAdded() {
        assertThat(body(RawMessage.parse(ascii("From: a@example.org\r\n\r\n")))).isEmpty();
        assertThat(body(RawMessage.parse(ascii("From: a@example.org\r\n\r\n\r\n \t\r\n\r\n")))).isEmpty();
        assertThat(body(RawMessage.parse(ascii("From: a@example.org\r\n")))).isEmpty();
        assertThat(body(RawMessage.parse(ascii("From: a@example.org\r\n\r\nlast line")))).isEqualTo("last line\r\n");
        assertThat(body(RawMessage.parse(ascii("From: a@example.org\r\n\r\n\r\n\r\nx\r\n\r\n\r\n")))).isEqualTo("\r\n\r\nx\r\n");
    }

    @Test
    void bytesThatAreNotAsciiPassUnchanged() {
        byte[] message = {'F', ':', ' ', (byte) 0xc3, (byte) 0xa9, '\r', '\n', '\r', '\n', (byte) 0xe2, (byte) 0x80, (byte) 0x93, '\r', '\n'};
        RawMessage raw = RawMessage.parse(message);

        assertThat(RelaxedCanonicalization.body(message, raw.bodyStart())).containsExactly(0xe2, 0x80, 0x93, '\r', '\n');
    }

    @Test
    void bareLineBreaksAreRefused() {
        assertThatThrownBy(() -> RawMessage.parse(ascii("From: a@example.org\nTo: b@example.org\r\n\r\n")))
                .hasMessage("message has a bare LF at byte 19: DKIM signs the bytes as sent, whose lines must end in CRLF (RFC 5322 section 2.1)");
        byte[] message = ascii("From: a@example.org\r\n\r\nbody\rmore\r\n");
        RawMessage raw = RawMessage.parse(message);
        assertThatThrownBy(() -> RelaxedCanonicalization.body(message, raw.bodyStart()))
                .hasMessage("message has a bare CR at byte 27: DKIM signs the bytes as sent, whose lines must end in CRLF (RFC 5322 section 2.1)");
    }

    @Test
    void aHeaderLineWithoutAColonIsRefused() {
        assertThatThrownBy(() -> RawMessage.parse(ascii("From: a@example.org\r\nnot a header\r\n\r\n")))
                .hasMessage("message has a header line without a field name and colon at byte 21: not a header");
    }

    private static String canonicalHeaders(RawMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RawMessage.Field field : message.fields()) {
            RelaxedCanonicalization.header(message, field, out);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String body(RawMessage message) {
        return new String(RelaxedCanonicalization.body(message.bytes(), message.bodyStart()), StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
