package org.newsletter.mail;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The "relaxed" canonicalization of RFC 6376, for header fields (section 3.4.2) and the body (section
 * 3.4.4). Relaxed survives what relays commonly do to a message in transit (refolding headers,
 * changing the case of a field name, trimming trailing spaces) while any change to the words still
 * breaks the signature. WSP here is space and tab only (RFC 5234), never other whitespace.
 */
final class RelaxedCanonicalization {

    private static final byte[] CRLF = {'\r', '\n'};

    private RelaxedCanonicalization() {
    }

    /**
     * Appends one header field, canonicalized, with its CRLF: the name in lower case, a colon without
     * space around it, the value unfolded with every run of WSP made one space and none at either end.
     */
    static void header(RawMessage message, RawMessage.Field field, ByteArrayOutputStream out) {
        writeAscii(field.name().toLowerCase(Locale.ROOT), out);
        out.write(':');
        byte[] bytes = message.bytes();
        boolean space = false;
        boolean started = false;
        for (int i = field.colon() + 1; i < field.end(); i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                continue; // unfolding: the CRLF of a continuation line is removed, its WSP stays
            }
            if (RawMessage.isWsp(b)) {
                space = started;
            } else {
                if (space) {
                    out.write(' ');
                    space = false;
                }
                out.write(b);
                started = true;
            }
        }
        out.write(CRLF, 0, 2);
    }

    /**
     * The body from {@code start} to the end of the message, canonicalized: WSP at the end of a line
     * removed, other runs of WSP made one space, empty lines at the end removed, and a CRLF after the
     * last line. An empty body, or one of only empty lines, canonicalizes to nothing at all (unlike
     * "simple", which makes it one CRLF).
     */
    static byte[] body(byte[] bytes, int start) {
        // At most one CRLF longer than the input; a plain array, as this runs over every byte of every message.
        byte[] out = new byte[bytes.length - start + 2];
        int length = 0;
        int emptyLines = 0;
        int i = start;
        while (i < bytes.length) {
            int end = RawMessage.lineEnd(bytes, i);
            if (isBlank(bytes, i, end)) {
                emptyLines++;
            } else {
                for (; emptyLines > 0; emptyLines--) {
                    out[length++] = '\r';
                    out[length++] = '\n';
                }
                length = line(bytes, i, end, out, length);
                out[length++] = '\r';
                out[length++] = '\n';
            }
            i = end + 2;
        }
        return Arrays.copyOf(out, length);
    }

    /** Copies one line to {@code out} at {@code at} with its WSP reduced; returns the new length. */
    private static int line(byte[] bytes, int start, int end, byte[] out, int at) {
        boolean space = false;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (RawMessage.isWsp(b)) {
                space = true;
            } else {
                if (space) {
                    out[at++] = ' ';
                    space = false;
                }
                out[at++] = b;
            }
        }
        return at;
    }

    private static boolean isBlank(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!RawMessage.isWsp(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    private static void writeAscii(String text, ByteArrayOutputStream out) {
        for (int i = 0; i < text.length(); i++) {
            out.write(text.charAt(i));
        }
    }
}
