package org.newsletter.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Quoted-printable (RFC 2045 section 6.7) for a body that is assembled from pieces.
 *
 * <p>Each piece is encoded on its own, starting at column 0, and ends with a soft line break ("="
 * CRLF, rule 5) unless it already ends at the start of a line. So a piece encoded once per campaign can
 * be followed by a piece encoded per recipient, and the decoded body is exactly the concatenation of
 * the pieces' text: a decoder removes soft line breaks wherever they are, and every line stays within
 * the limit because every piece starts a line of its own.
 *
 * <p>Encoded: "=", control characters (tab included), DEL and every byte of a non-ASCII character
 * (rule 1), and a space that would end a line (rule 3; a space before a soft break's "=" is allowed
 * and stays a space). A UTF-8 character is never split across lines, so the raw source stays
 * readable. Line breaks in the text (CRLF, LF or a lone CR) become CRLF hard line breaks (rule 4), as
 * Jakarta Mail encodes text parts; a CR ending one piece and an LF starting the next are two line
 * breaks, so pieces are cut where there is no line break (personal values have none).
 *
 * <p>A "." that would start a line is encoded ("=2E"; rule 1 allows any octet to be): then no line of a
 * body starts with a dot, so SMTP's transparency procedure (RFC 5321 section 4.5.2) has nothing to
 * double and a sender can put the message on the wire without a pass over its bytes ({@link LeadingDots}).
 */
public final class QuotedPrintable {

    /** Rule 5: encoded lines are at most 76 characters, a soft line break's "=" included. */
    static final int MAX_LINE = 76;
    private static final int MAX_CONTENT = MAX_LINE - 1;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private QuotedPrintable() {
    }

    /** A piece that more text follows: it ends at the start of a line (after a soft break if needed). */
    public static byte[] piece(String text) {
        return encode(text, false);
    }

    /**
     * The body's last piece: it ends where the text ends, since the CRLF before the next boundary
     * belongs to the boundary (RFC 2046 section 5.1.1), and a space at its very end is encoded.
     */
    public static byte[] lastPiece(String text) {
        return encode(text, true);
    }

    private static byte[] encode(String text, boolean last) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        int n = in.length;
        // Every byte becomes at most 3; a soft break (3) follows at least 64 characters of a line.
        byte[] out = new byte[3 * n + 3 * (3 * n / 64 + 2)];
        int o = 0;
        int column = 0;
        int i = 0;
        while (i < n) {
            int c = in[i] & 0xff;
            if (c == '\r' || c == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
                column = 0;
                i += c == '\r' && i + 1 < n && in[i + 1] == '\n' ? 2 : 1;
                continue;
            }
            int length = c >= 0xC0 ? sequenceLength(in, i) : 1;
            boolean literal = length == 1 && (c > ' ' && c < 0x7F && c != '=' || c == ' ' && !endsLine(in, i + 1, last))
                    && !(c == '.' && (column == 0 || column + 1 > MAX_CONTENT)); // a dot that would start a line
            int width = literal ? 1 : 3 * length;
            if (column + width > MAX_CONTENT) {
                o = softBreak(out, o);
                column = 0;
            }
            if (literal) {
                out[o++] = (byte) c;
            } else {
                for (int k = 0; k < length; k++) {
                    int b = in[i + k] & 0xff;
                    out[o++] = '=';
                    out[o++] = HEX[b >> 4];
                    out[o++] = HEX[b & 0xf];
                }
            }
            column += width;
            i += length;
        }
        if (!last && column > 0) {
            o = softBreak(out, o);
        }
        return Arrays.copyOf(out, o);
    }

    /** Whether the byte at {@code at} (or the end of the piece) ends an encoded line. */
    private static boolean endsLine(byte[] in, int at, boolean last) {
        return at == in.length ? last : in[at] == '\r' || in[at] == '\n';
    }

    /** The bytes of the UTF-8 character starting at {@code at}: its lead byte and continuation bytes. */
    private static int sequenceLength(byte[] in, int at) {
        int length = 1;
        while (length < 4 && at + length < in.length && (in[at + length] & 0xC0) == 0x80) {
            length++;
        }
        return length;
    }

    private static int softBreak(byte[] out, int o) {
        out[o] = '=';
        out[o + 1] = '\r';
        out[o + 2] = '\n';
        return o + 3;
    }
}
