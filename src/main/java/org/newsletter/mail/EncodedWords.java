package org.newsletter.mail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RFC 2047 encoded-words ({@code =?UTF-8?Q?...?=} or {@code =?UTF-8?B?...?=}) for header text that
 * cannot go as it is: non-ASCII names and subjects, and ASCII ones too long to fold at a space.
 *
 * <p>Each word is at most 75 characters (section 2) and holds whole characters only (section 5), so a
 * word can start a line of its own; a decoder drops the white space between adjacent encoded-words
 * (section 6.2), so the text may be split anywhere between characters. Q encoding keeps only the
 * characters section 5 (3) allows in a phrase, which is safe in every header, and stays readable in the
 * raw source; B is chosen instead when Q would be more than half as long again, as for mostly non-Latin
 * text.
 */
final class EncodedWords {

    /** Section 2: an encoded-word is at most 75 characters. */
    static final int MAX_WORD = 75;
    private static final String Q_PREFIX = "=?UTF-8?Q?";
    private static final String B_PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";
    private static final int OVERHEAD = Q_PREFIX.length() + SUFFIX.length();
    /** Room for one four-byte character in Q: the first word is never made smaller than this. */
    private static final int SMALLEST_WORD = OVERHEAD + 12;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EncodedWords() {
    }

    /**
     * The encoded-words for {@code text}; the first is at most {@code firstRoom} characters (what is left
     * of the header's first line), the others at most 75.
     */
    static List<String> encode(String text, int firstRoom) {
        int first = Math.max(SMALLEST_WORD, Math.min(firstRoom, MAX_WORD));
        byte[][] characters = utf8Characters(text);
        int qLength = 0;
        int bytes = 0;
        for (byte[] character : characters) {
            bytes += character.length;
            for (byte b : character) {
                qLength += qWidth(b);
            }
        }
        int bLength = (bytes + 2) / 3 * 4;
        return 2 * qLength <= 3 * bLength ? qWords(characters, first) : bWords(characters, first);
    }

    private static List<String> qWords(byte[][] characters, int first) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder(MAX_WORD).append(Q_PREFIX);
        int room = first;
        for (byte[] character : characters) {
            int width = 0;
            for (byte b : character) {
                width += qWidth(b);
            }
            if (word.length() + width + SUFFIX.length() > room && word.length() > Q_PREFIX.length()) {
                words.add(word.append(SUFFIX).toString());
                word.setLength(0);
                word.append(Q_PREFIX);
                room = MAX_WORD;
            }
            for (byte b : character) {
                int c = b & 0xff;
                if (c == ' ') {
                    word.append('_');
                } else if (qWidth(b) == 1) {
                    word.append((char) c);
                } else {
                    word.append('=').append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
            }
        }
        words.add(word.append(SUFFIX).toString());
        return words;
    }

    private static List<String> bWords(byte[][] characters, int first) {
        List<String> words = new ArrayList<>();
        ByteArrayOutputStream word = new ByteArrayOutputStream(MAX_WORD);
        int room = first;
        for (byte[] character : characters) {
            int encoded = (word.size() + character.length + 2) / 3 * 4;
            if (OVERHEAD + encoded > room && word.size() > 0) {
                words.add(B_PREFIX + Base64.getEncoder().encodeToString(word.toByteArray()) + SUFFIX);
                word.reset();
                room = MAX_WORD;
            }
            word.writeBytes(character);
        }
        words.add(B_PREFIX + Base64.getEncoder().encodeToString(word.toByteArray()) + SUFFIX);
        return words;
    }

    /** Section 5 (3): letters, digits and {@code ! * + - /} stand for themselves, a space is "_". */
    private static int qWidth(byte b) {
        int c = b & 0xff;
        boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '!' || c == '*' || c == '+' || c == '-' || c == '/' || c == ' ';
        return plain ? 1 : 3;
    }

    /**
     * The text's characters, each as its UTF-8 bytes. A lone surrogate becomes "?", as
     * {@code String.getBytes(UTF_8)} does, so the header says what the body says.
     */
    private static byte[][] utf8Characters(String text) {
        return text.codePoints().mapToObj(EncodedWords::utf8).toArray(byte[][]::new);
    }

    private static byte[] utf8(int c) {
        if (c < 0x80) {
            return new byte[] {(byte) c};
        }
        if (c < 0x800) {
            return new byte[] {(byte) (0xC0 | c >> 6), (byte) (0x80 | c & 0x3F)};
        }
        if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
            return new byte[] {'?'};
        }
        if (c < 0x10000) {
            return new byte[] {(byte) (0xE0 | c >> 12), (byte) (0x80 | c >> 6 & 0x3F), (byte) (0x80 | c & 0x3F)};
        }
        return new byte[] {(byte) (0xF0 | c >> 18), (byte) (0x80 | c >> 12 & 0x3F), (byte) (0x80 | c >> 6 & 0x3F),
                (byte) (0x80 | c & 0x3F)};
    }
}
