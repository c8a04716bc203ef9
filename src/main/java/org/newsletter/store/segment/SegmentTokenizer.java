package org.newsletter.store.segment;

import org.newsletter.model.Spelling;
import org.newsletter.model.SubscriptionStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Splits a segment expression into parentheses, keywords and whole terms, on demand so that errors are
 * reported left to right. A term ({@code tag:news}, {@code attr.city="New York"}, {@code attr."Phone Number"=1})
 * is one token because no space may occur inside it outside quotes; the tokenizer reports what is wrong inside a
 * term itself, with its column.
 */
final class SegmentTokenizer {

    enum Kind { LEFT_PAREN, RIGHT_PAREN, AND, OR, NOT, TERM, OTHER, END }

    /** A token, where it starts (a {@code String} index) and its text as written. */
    record Token(Kind kind, int offset, String text, Segment term) {
    }

    private static final List<String> TERM_PREFIXES = List.of("tag:", "status:", "email:", "attr.");
    private static final String QUOTE_THE_NAME = " (put a name with spaces or other characters in double quotes: attr.\"Phone Number\"=…)";

    private final String text;
    private int position;

    SegmentTokenizer(String text) {
        this.text = text;
    }

    Token next() {
        while (position < text.length() && Character.isWhitespace(text.codePointAt(position))) {
            position += Character.charCount(text.codePointAt(position));
        }
        int start = position;
        if (start == text.length()) {
            return new Token(Kind.END, start, "", null);
        }
        int c = text.codePointAt(start);
        if (c == '(' || c == ')') {
            position++;
            return new Token(c == '(' ? Kind.LEFT_PAREN : Kind.RIGHT_PAREN, start, String.valueOf((char) c), null);
        }
        if (SegmentSyntax.isWordChar(c)) {
            String word = readWhile(SegmentSyntax::isWordChar);
            String lower = word.toLowerCase(Locale.ROOT);
            int after = charAt(position);
            if (after == ':' || after == '.' && lower.equals("attr")) {
                String prefix = lower + (char) after;
                if (TERM_PREFIXES.contains(prefix)) {
                    position++;
                    Segment term = readTerm(prefix);
                    return new Token(Kind.TERM, start, text.substring(start, position), term);
                }
                if (after == ':') {
                    throw error(start, "unknown term '" + word + ":'" + suggestion(prefix, TERM_PREFIXES)
                            .orElse(" (terms are tag:, status:, attr.NAME= and email:)"));
                }
            } else if (after == '.') {
                Optional<String> hint = suggestion(lower + ".", List.of("attr."));
                if (hint.isPresent()) {
                    throw error(start, "unknown term '" + word + ".'" + hint.get());
                }
            } else if (isBoundary(position)) {
                switch (lower) {
                    case "and":
                        return new Token(Kind.AND, start, word, null);
                    case "or":
                        return new Token(Kind.OR, start, word, null);
                    case "not":
                        return new Token(Kind.NOT, start, word, null);
                    default:
                        break;
                }
            }
        }
        position = start;
        readWhile(ch -> !Character.isWhitespace(ch) && ch != '(' && ch != ')');
        return new Token(Kind.OTHER, start, text.substring(start, position), null);
    }

    /** The column of a {@code String} index: 1-based, counting characters rather than UTF-16 units. */
    int column(int offset) {
        return text.codePointCount(0, offset) + 1;
    }

    SegmentSyntaxException error(int offset, String reason) {
        return new SegmentSyntaxException(text, column(offset), reason);
    }

    private Segment readTerm(String prefix) {
        switch (prefix) {
            case "tag:":
                return new Segment.HasTag(readValue("a tag", prefix, false));
            case "email:":
                return new Segment.EmailMatches(readValue("an address pattern", prefix, true));
            case "status:":
                int at = position;
                String code = readValue("a status", prefix, false);
                return new Segment.HasStatus(SubscriptionStatus.find(code).orElseThrow(() -> error(at,
                        "unknown status '" + code + "'" + suggestion(code.toLowerCase(Locale.ROOT), statusCodes())
                                .orElse(" (expected pending, subscribed or unsubscribed)"))));
            default:
                return readAttribute();
        }
    }

    /** {@code attr.NAME=VALUE}, where a name with other characters than a bare one allows is quoted: {@code attr."Phone Number"=…}. */
    private Segment readAttribute() {
        int at = position;
        String name;
        if (charAt(at) == '"') {
            name = readQuoted();
            if (name.isEmpty()) {
                throw error(at, "expected an attribute name between the quotes after 'attr.'");
            }
        } else {
            name = readWhile(SegmentSyntax::isNameChar);
            if (name.isEmpty()) {
                throw error(at, "expected an attribute name after 'attr.' but found " + describe(position)
                        + (charAt(position) >= 0 && charAt(position) != '=' ? QUOTE_THE_NAME : ""));
            }
        }
        String written = "attr." + text.substring(at, position);
        if (text.startsWith("!=", position)) {
            position += 2;
            return new Segment.AttributeNotEquals(name, readValue("a value", written + "!=", false));
        }
        if (text.startsWith("=", position)) {
            position += 1;
            return new Segment.AttributeEquals(name, readValue("a value", written + "=", false));
        }
        String hint = charAt(at) != '"' && charAt(position) >= 0 ? QUOTE_THE_NAME : "";
        throw error(position, "expected '=' or '!=' after '" + written + "' but found " + describe(position) + hint);
    }

    /** A bare or quoted value, which must be followed by a space, a parenthesis or the end. */
    private String readValue(String what, String after, boolean pattern) {
        int start = position;
        int c = charAt(start);
        String value;
        if (c == '"') {
            value = readQuoted();
            if (!isBoundary(position)) {
                throw error(position, "expected a space or ')' after the closing quote but found " + describe(position));
            }
            return value;
        }
        if (c >= 0 && (pattern ? SegmentSyntax.isPatternChar(c) : SegmentSyntax.isValueChar(c))) {
            value = pattern ? readWhile(SegmentSyntax::isPatternChar) : readWhile(SegmentSyntax::isValueChar);
            if (!isBoundary(position)) {
                throw error(position, "unexpected character " + describe(position) + " in " + what
                        + " (put values with other characters in double quotes)");
            }
            return value;
        }
        String hint = isBoundary(start) ? "" : " (put values with other characters in double quotes)";
        throw error(start, "expected " + what + " after '" + after + "' but found " + describe(start) + hint);
    }

    /** A double-quoted value or attribute name, with {@code \\"} and {@code \\\\} as its only escapes. */
    private String readQuoted() {
        int open = position;
        StringBuilder value = new StringBuilder();
        position++;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '"') {
                position++;
                return value.toString();
            }
            if (c == '\\') {
                int escaped = charAt(position + 1);
                if (escaped != '"' && escaped != '\\') {
                    if (escaped < 0) {
                        break;
                    }
                    throw error(position, "unknown escape '\\" + Character.toString(escaped)
                            + "' in a quoted value (only \\\" and \\\\ are escapes)");
                }
                value.append((char) escaped);
                position += 2;
            } else {
                value.append(c);
                position++;
            }
        }
        throw error(open, "unterminated quoted value: no closing '\"'");
    }

    private String readWhile(IntPredicate accept) {
        int start = position;
        while (position < text.length() && accept.test(text.codePointAt(position))) {
            position += Character.charCount(text.codePointAt(position));
        }
        return text.substring(start, position);
    }

    private int charAt(int offset) {
        return offset < text.length() ? text.codePointAt(offset) : -1;
    }

    /** Whether a token may end before this index: at the end, whitespace or a parenthesis. */
    private boolean isBoundary(int offset) {
        int c = charAt(offset);
        return c < 0 || c == '(' || c == ')' || Character.isWhitespace(c);
    }

    /** How to name the character at an index in a message. */
    String describe(int offset) {
        int c = charAt(offset);
        if (c < 0) {
            return "end of segment";
        }
        if (c == ' ') {
            return "a space";
        }
        if (c == '\n' || c == '\r') {
            return "a line break";
        }
        if (Character.isWhitespace(c) || Character.isISOControl(c)) {
            return String.format("U+%04X", c);
        }
        return "'" + Character.toString(c) + "'";
    }

    private static List<String> statusCodes() {
        return Arrays.stream(SubscriptionStatus.values()).map(SubscriptionStatus::word).toList();
    }

    /** " (did you mean 'x'?)" for the candidate nearest a typo, if one is near enough to be a likely typo. */
    private static Optional<String> suggestion(String typed, List<String> candidates) {
        return Spelling.closest(typed, candidates).map(c -> " (did you mean '" + c + "'?)");
    }
}
