package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pieces encoded on their own join into one body that Jakarta Mail decodes to the joined text. */
class QuotedPrintableTest {

    /** Characters that quoted-printable must take care of, and some that merely look as if it should. */
    private static final String[] AWKWARD = {" ", "  ", "\t", "=", "=3D", ".", "..", "\n", "\r\n", "\r", "?", "_", "From ",
            "é", "Ł", "漢", "😀", "\u00A0", "e\u0301", "~", "\u007F", "\u0001", "--=_nl_", "a"};

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 1000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomPiecesDecodeToTheirConcatenation(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> pieces = new ArrayList<>();
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            pieces.add(randomText(random, random.nextInt(4) == 0 ? 300 : 40));
        }
        assertRoundTrip(pieces);
    }

    @Test
    void edgeCases() throws Exception {
        assertRoundTrip(List.of(""));
        assertRoundTrip(List.of("", ""));
        assertRoundTrip(List.of("trailing space ", " leading space", "end "));
        assertRoundTrip(List.of("tab\t", "\t\n", "x\t"));
        assertRoundTrip(List.of("line\n", ".dot at line start\n", "."));
        assertRoundTrip(List.of("x".repeat(75), "y".repeat(76), "z".repeat(77)));
        assertRoundTrip(List.of("é".repeat(40), "😀".repeat(30), "ends with a break\n"));
    }

    @Test
    void charactersAreNeverSplitAcrossLinesAndSpacesBeforeBreaksAreEncoded() {
        String encoded = new String(QuotedPrintable.lastPiece("a".repeat(70) + "😀 \nb"), StandardCharsets.US_ASCII);
        assertThat(encoded).isEqualTo("a".repeat(70) + "=\r\n=F0=9F=98=80=20\r\nb");
        assertThat(new String(QuotedPrintable.piece("x"), StandardCharsets.US_ASCII)).isEqualTo("x=\r\n");
        assertThat(new String(QuotedPrintable.piece("x\n"), StandardCharsets.US_ASCII)).isEqualTo("x\r\n");
        assertThat(new String(QuotedPrintable.piece("x "), StandardCharsets.US_ASCII)).isEqualTo("x =\r\n");
        assertThat(new String(QuotedPrintable.lastPiece("x "), StandardCharsets.US_ASCII)).isEqualTo("x=20");
        assertThat(QuotedPrintable.piece("")).isEmpty();
    }

    /** RFC 5321 section 4.5.2: SMTP would double a dot that starts a line; the encoder sees that none does. */
    @Test
    void aDotThatWouldStartALineIsEncoded() throws Exception {
        assertThat(new String(QuotedPrintable.piece(".dot\n..two\nmid.dle"), StandardCharsets.US_ASCII))
                .isEqualTo("=2Edot\r\n=2E.two\r\nmid.dle=\r\n");
        // A dot that a soft line break would put at the start of a line.
        assertThat(new String(QuotedPrintable.lastPiece("x".repeat(75) + ".y"), StandardCharsets.US_ASCII))
                .isEqualTo("x".repeat(75) + "=\r\n=2Ey");
        assertThat(new String(QuotedPrintable.lastPiece("x".repeat(74) + ".y"), StandardCharsets.US_ASCII))
                .as("a dot that fits at the end of the line stays a dot").isEqualTo("x".repeat(74) + ".=\r\ny");
        assertRoundTrip(List.of(".", "..", ".\n.", "x".repeat(75) + "." + "y".repeat(74) + "."));
    }

    private static void assertRoundTrip(List<String> pieces) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < pieces.size(); i++) {
            body.writeBytes(i == pieces.size() - 1 ? QuotedPrintable.lastPiece(pieces.get(i)) : QuotedPrintable.piece(pieces.get(i)));
        }
        byte[] encoded = body.toByteArray();
        assertEncodedLines(encoded);
        String text = String.join("", pieces);
        assertThat(decode(encoded)).isEqualTo(text.replaceAll("\r\n|\r|\n", "\r\n"));
    }

    /**
     * Every line at most 76 characters, 7-bit, CRLF only, no space or tab at its end (RFC 2045 section 6.7),
     * and none starting with a dot (RFC 5321 section 4.5.2).
     */
    static void assertEncodedLines(byte[] encoded) {
        String wire = new String(encoded, StandardCharsets.ISO_8859_1);
        assertThat(LeadingDots.none(encoded)).as("a line starts with a dot: %s", wire).isTrue();
        for (int i = 0; i < encoded.length; i++) {
            assertThat(encoded[i] & 0xff).as("byte %d of %s", i, wire).isLessThan(0x80);
            if (encoded[i] == '\n') {
                assertThat(i > 0 && encoded[i - 1] == '\r').as("bare LF at %d", i).isTrue();
            }
            if (encoded[i] == '\r') {
                assertThat(i + 1 < encoded.length && encoded[i + 1] == '\n').as("bare CR at %d", i).isTrue();
            }
        }
        for (String line : wire.split("\r\n", -1)) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(QuotedPrintable.MAX_LINE);
            assertThat(line).as("line ends in white space").doesNotEndWith(" ").doesNotEndWith("\t");
        }
    }

    private static String decode(byte[] encoded) throws Exception {
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String randomText(Random random, int maxParts) {
        StringBuilder out = new StringBuilder();
        int parts = random.nextInt(maxParts + 1);
        for (int i = 0; i < parts; i++) {
            if (random.nextBoolean()) {
                out.append(AWKWARD[random.nextInt(AWKWARD.length)]);
            } else {
                out.append((char) ('a' + random.nextInt(26)));
            }
        }
        return out.toString();
    }
}
