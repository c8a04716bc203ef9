package org.newsletter.store.segment;

/**
 * The character classes of the segment language, shared by the tokenizer and by {@link Segment#toString()}
 * so that whatever the canonical form leaves unquoted is exactly what the parser reads as a bare word.
 */
final class SegmentSyntax {

    private SegmentSyntax() {
    }

    /** A character of an unquoted value: letters, digits and {@code - _ . @ + /}. */
    static boolean isValueChar(int c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '@' || c == '+' || c == '/';
    }

    /** A character of an unquoted email pattern: a value character or the wildcard {@code *}. */
    static boolean isPatternChar(int c) {
        return isValueChar(c) || c == '*';
    }

    /** A character of an attribute name: letters, digits and {@code _ - .} (flattened JSON keys). */
    static boolean isNameChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    /** A character that starts a keyword or a term prefix. */
    static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    static boolean isName(String name) {
        return !name.isEmpty() && name.codePoints().allMatch(SegmentSyntax::isNameChar);
    }

    /** An attribute name as written in a segment: bare when it can be ({@code city}), else quoted ({@code "Phone Number"}). */
    static String name(String name) {
        return quoteUnless(name, isName(name));
    }

    /** A value as written in a segment: bare when it can be, else double-quoted with {@code \"} and {@code \\}. */
    static String value(String value) {
        return quoteUnless(value, value.codePoints().allMatch(SegmentSyntax::isValueChar));
    }

    /** An email pattern as written in a segment; {@code *} stays a wildcard inside quotes too. */
    static String pattern(String pattern) {
        return quoteUnless(pattern, pattern.codePoints().allMatch(SegmentSyntax::isPatternChar));
    }

    private static String quoteUnless(String text, boolean bare) {
        if (bare && !text.isEmpty()) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
