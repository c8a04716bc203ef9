package org.newsletter.mail;

import java.util.ArrayList;
import java.util.List;
import org.newsletter.model.Mailbox;

/**
 * Header text as the tokens {@link HeaderField} folds between: plain words where the text allows it,
 * a quoted-string where a phrase needs one, RFC 2047 encoded-words where nothing else will do.
 */
public final class HeaderWords {

    /** RFC 5322 section 3.2.3 atext, besides letters and digits. */
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private HeaderWords() {
    }

    /**
     * RFC 5322 section 3.2.5 unstructured text (the Subject): its words when it is printable ASCII that
     * folds at single spaces, otherwise encoded-words. Text with "=?" is encoded too, or a reader would
     * decode it as an encoded-word.
     */
    public static List<String> unstructured(String field, String text) {
        if (isPrintableAscii(text) && !text.contains("=?")) {
            List<String> words = words(text);
            if (words != null && fits(field, words)) {
                return words;
            }
        }
        return EncodedWords.encode(text, HeaderField.firstRoom(field));
    }

    /**
     * An RFC 5322 section 3.2.5 phrase (a display name): atoms when it is made of them, else a
     * quoted-string (section 3.2.4) when it is printable ASCII and fits one line, else encoded-words
     * (RFC 2047 section 5 (3)). {@code alwaysQuote} keeps even atoms in quotes, as List-Id phrases
     * traditionally are.
     */
    public static List<String> phrase(String field, String text, boolean alwaysQuote) {
        if (isPrintableAscii(text) && !text.contains("=?")) {
            List<String> words = alwaysQuote ? null : words(text);
            if (words != null && words.stream().allMatch(HeaderWords::isAtom) && fits(field, words)) {
                return words;
            }
            String quoted = quoted(text);
            if (quoted.length() <= HeaderField.firstRoom(field)) {
                return List.of(quoted);
            }
        }
        return EncodedWords.encode(text, HeaderField.firstRoom(field));
    }

    /** A mailbox (RFC 5322 section 3.4): {@code phrase <address>}, or the bare address when there is no name. */
    public static List<String> mailbox(String field, Mailbox mailbox) {
        String address = HeaderSyntax.requireAddress(field, mailbox.address());
        if (mailbox.name().isBlank()) {
            return List.of(address);
        }
        List<String> tokens = new ArrayList<>(phrase(field, mailbox.name(), false));
        tokens.add("<" + address + ">");
        return tokens;
    }

    /** The words of text with single spaces between them, or null when it has other white space. */
    private static List<String> words(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        int from = 0;
        while (true) {
            int space = text.indexOf(' ', from);
            String word = text.substring(from, space < 0 ? text.length() : space);
            if (word.isEmpty()) {
                return null;
            }
            words.add(word);
            if (space < 0) {
                return words;
            }
            from = space + 1;
        }
    }

    private static boolean fits(String field, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            int room = i == 0 ? HeaderField.firstRoom(field) : HeaderField.LINE - 1;
            if (words.get(i).length() > room) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static boolean isAtom(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!isAtext(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isAtext(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ATEXT_SPECIALS.indexOf(c) >= 0;
    }

    private static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
