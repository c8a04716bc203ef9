package org.newsletter.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's bytes split into header fields and body without decoding or changing anything: a DKIM
 * signature is computed over exactly the bytes that go on the wire, so nothing may be parsed into
 * objects and written out again (RFC 6376 section 5.3: the signer signs the message as it will be
 * sent). Lines must end in CRLF (RFC 5322 section 2.1); a bare CR or LF is refused because an SMTP
 * client would turn it into CRLF on the way and so change what was signed.
 */
final class RawMessage {

    /**
     * One header field: its name, and where the whole field lies in the message, from the first byte
     * of the name to the end of its last line, continuation lines included, the final CRLF excluded.
     */
    record Field(String name, int start, int colon, int end) {
    }

    private final byte[] bytes;
    private final List<Field> fields;
    private final int bodyStart;

    private RawMessage(byte[] bytes, List<Field> fields, int bodyStart) {
        this.bytes = bytes;
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    static RawMessage parse(byte[] bytes) {
        List<Field> fields = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                return new RawMessage(bytes, fields, i + 2);
            }
            if (isWsp(bytes[i])) {
                throw new IllegalArgumentException("message starts with a continuation line at byte " + i);
            }
            int start = i;
            int end;
            do {
                end = lineEnd(bytes, i);
                i = Math.min(end + 2, bytes.length);
            } while (i < bytes.length && isWsp(bytes[i]));
            fields.add(field(bytes, start, end));
        }
        return new RawMessage(bytes, fields, bytes.length);
    }

    byte[] bytes() {
        return bytes;
    }

    List<Field> fields() {
        return fields;
    }

    /** The first byte after the empty line that ends the header; the length of the message if there is no body. */
    int bodyStart() {
        return bodyStart;
    }

    /**
     * Where the line starting at {@code from} ends: the index of its CR, or the end of the message.
     * Throws on a bare CR or LF.
     */
    static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                throw bareLineBreak("LF", i);
            }
            if (b == '\r') {
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    return i;
                }
                throw bareLineBreak("CR", i);
            }
        }
        return bytes.length;
    }

    static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    private static Field field(byte[] bytes, int start, int end) {
        int colon = start;
        while (colon < end && bytes[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > start && isWsp(bytes[nameEnd - 1])) {
            nameEnd--;
        }
        if (colon == end || nameEnd == start) {
            throw new IllegalArgumentException("message has a header line without a field name and colon at byte " + start + ": "
                    + new String(bytes, start, Math.min(end - start, 60), StandardCharsets.ISO_8859_1));
        }
        for (int i = start; i < nameEnd; i++) {
            if (bytes[i] < 33 || bytes[i] > 126) {
                throw new IllegalArgumentException("message has a header field name with a space or control character at byte " + i);
            }
        }
        return new Field(new String(bytes, start, nameEnd - start, StandardCharsets.US_ASCII), start, colon, end);
    }

    private static IllegalArgumentException bareLineBreak(String what, int at) {
        return new IllegalArgumentException("message has a bare " + what + " at byte " + at
                + ": DKIM signs the bytes as sent, whose lines must end in CRLF (RFC 5322 section 2.1)");
    }
}
