package org.newsletter.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The MIME layout of every message the tool sends, campaign or confirmation: a header block, then
 * multipart/alternative with text/plain first and text/html last (RFC 2046 section 5.1.4: the last
 * part is the preferred one), both UTF-8 and quoted-printable (RFC 2045 section 6.7). One place, so
 * that every kind of message has the same structure and the same deterministic boundary.
 */
final class AlternativeMessage {

    static final String CRLF = "\r\n";
    private static final String TEXT_PART = "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    private static final String HTML_PART = "Content-Type: text/html; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    /** RFC 2046 section 5.1.1: at most 70 characters. */
    private static final int MAX_BOUNDARY = 70;
    private static final String BOUNDARY_PREFIX = "=_nl_";

    private AlternativeMessage() {
    }

    /**
     * The whole message: {@code head} (every header field but Content-Type, each ending in CRLF), the
     * multipart/alternative Content-Type, and the two encoded bodies.
     */
    static byte[] assemble(CharSequence head, String messageId, QuotedPrintableStencil.Filled text, QuotedPrintableStencil.Filled html) {
        String boundary = boundaryFor(messageId);
        StringBuilder top = new StringBuilder(head.length() + 200).append(head);
        top.append("Content-Type: multipart/alternative;\r\n boundary=\"").append(boundary).append('"').append(CRLF);
        top.append(CRLF).append("--").append(boundary).append(CRLF).append(TEXT_PART);
        byte[] start = ascii(top);
        byte[] middle = ascii(new StringBuilder(CRLF).append("--").append(boundary).append(CRLF).append(HTML_PART));
        byte[] end = ascii(new StringBuilder(CRLF).append("--").append(boundary).append("--").append(CRLF));

        byte[] bytes = new byte[start.length + text.length() + middle.length + html.length() + end.length];
        System.arraycopy(start, 0, bytes, 0, start.length);
        int at = text.writeTo(bytes, start.length);
        System.arraycopy(middle, 0, bytes, at, middle.length);
        at = html.writeTo(bytes, at + middle.length);
        System.arraycopy(end, 0, bytes, at, end.length);
        return bytes;
    }

    /**
     * "=_nl_" and the Message-ID's left part, so the same message is the same bytes every time. A
     * quoted-printable body can never contain "=_" ("=" is followed by two hex digits or a line break),
     * so it can never contain the boundary. A left part with characters RFC 2046 section 5.1.1 does not
     * allow in a boundary, or too long for one, is replaced by a hash of the ID.
     */
    static String boundaryFor(String messageId) {
        String left = messageId.substring(0, messageId.lastIndexOf('@'));
        if (BOUNDARY_PREFIX.length() + left.length() <= MAX_BOUNDARY && left.chars().allMatch(AlternativeMessage::isBoundaryChar)) {
            return BOUNDARY_PREFIX + left;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return BOUNDARY_PREFIX + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** RFC 2046 section 5.1.1 bchars, without the space. */
    private static boolean isBoundaryChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "'()+_,-./:=?".indexOf(c) >= 0;
    }

    /** The header text as bytes; every value was checked or encoded to ASCII, and this proves it. */
    private static byte[] ascii(CharSequence text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c > 0x7F) {
                throw new IllegalStateException("non-ASCII character U+" + Integer.toHexString(c) + " in a header");
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }
}
