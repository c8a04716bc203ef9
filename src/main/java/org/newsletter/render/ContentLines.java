package org.newsletter.render;

import java.nio.charset.StandardCharsets;

/**
 * Builds an iCalendar stream line by line: CRLF after every content line, TEXT values escaped
 * (RFC 5545 section 3.3.11) and lines longer than 75 octets folded (section 3.1), never inside a
 * UTF-8 sequence (a reader unfolding the bytes gets whole characters back) nor inside an escape.
 */
final class ContentLines {

    /** RFC 5545 section 3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break." */
    static final int MAX_OCTETS = 75;

    private final StringBuilder out = new StringBuilder(1024);

    /** A property whose value is written as is (dates, numbers, URIs, names of components). */
    ContentLines raw(String nameAndParameters, String value) {
        fold(nameAndParameters + ":" + value);
        return this;
    }

    /** A property of value type TEXT. */
    ContentLines text(String name, String value) {
        return raw(name, escape(value));
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        String normalised = value.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\n' -> escaped.append("\\n");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private void fold(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int room = MAX_OCTETS;
        while (bytes.length - start > room) {
            int cut = start + room;
            // 10xxxxxx is the middle of a UTF-8 sequence: fold before the character it belongs to.
            while ((bytes[cut] & 0xC0) == 0x80) {
                cut--;
            }
            // Nor between a backslash and the character it escapes: legal, but some readers unfold late.
            if (endsInEscape(bytes, start, cut)) {
                cut--;
            }
            out.append(new String(bytes, start, cut - start, StandardCharsets.UTF_8)).append("\r\n ");
            start = cut;
            room = MAX_OCTETS - 1; // the continuation line's leading space counts
        }
        out.append(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8)).append("\r\n");
    }

    /** Whether the bytes before {@code end} end with an odd run of backslashes, i.e. an escape's first half. */
    private static boolean endsInEscape(byte[] bytes, int start, int end) {
        int backslashes = 0;
        for (int i = end - 1; i >= start && bytes[i] == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
