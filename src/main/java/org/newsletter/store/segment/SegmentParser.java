package org.newsletter.store.segment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.newsletter.store.segment.SegmentTokenizer.Kind;
import org.newsletter.store.segment.SegmentTokenizer.Token;

/**
 * Reads the segment language, a recursive-descent parser over {@link SegmentTokenizer}:
 *
 * <pre>
 * expr    := or
 * or      := and ( "or" and )*
 * and     := unary ( "and" unary )*
 * unary   := "not" unary | primary
 * primary := "(" expr ")" | term
 * </pre>
 *
 * Keywords are case-insensitive, so {@code not} binds tighter than {@code and}, which binds tighter than
 * {@code or}. There is no implied {@code and}: two terms side by side are an error, because a forgotten
 * operator would otherwise silently narrow who gets a mailing.
 */
public final class SegmentParser {

    /** Deeper nesting than any person writes; the limit keeps a hostile expression from overflowing the stack. */
    static final int MAX_DEPTH = 100;

    private static final EnumSet<Kind> STARTS_OPERAND = EnumSet.of(Kind.TERM, Kind.NOT, Kind.LEFT_PAREN);

    private final SegmentTokenizer tokens;
    private Token current;

    private SegmentParser(String text) {
        this.tokens = new SegmentTokenizer(text);
        this.current = tokens.next();
    }

    /**
     * Parses a segment expression.
     *
     * @throws SegmentSyntaxException if the text is not a segment; the message names the column and what was
     *     expected there
     */
    public static Segment parse(String text) {
        Objects.requireNonNull(text, "text");
        return new SegmentParser(text).parseWhole();
    }

    private Segment parseWhole() {
        if (current.kind() == Kind.END) {
            throw tokens.error(0, "empty segment");
        }
        Segment segment = parseOr(0);
        if (current.kind() == Kind.RIGHT_PAREN) {
            throw error("unexpected ')' without a matching '('");
        }
        if (current.kind() != Kind.END) {
            throw missingOperator("expected 'and' or 'or'");
        }
        return segment;
    }

    private Segment parseOr(int depth) {
        List<Segment> operands = new ArrayList<>();
        operands.add(parseAnd(depth));
        while (current.kind() == Kind.OR) {
            advance();
            operands.add(parseAnd(depth));
        }
        return operands.size() == 1 ? operands.get(0) : new Segment.Or(operands);
    }

    private Segment parseAnd(int depth) {
        List<Segment> operands = new ArrayList<>();
        operands.add(parseUnary(depth));
        while (current.kind() == Kind.AND) {
            advance();
            operands.add(parseUnary(depth));
        }
        return operands.size() == 1 ? operands.get(0) : new Segment.And(operands);
    }

    private Segment parseUnary(int depth) {
        if (current.kind() == Kind.NOT) {
            checkDepth(depth + 1);
            advance();
            return new Segment.Not(parseUnary(depth + 1));
        }
        return parsePrimary(depth);
    }

    private Segment parsePrimary(int depth) {
        Token token = current;
        switch (token.kind()) {
            case TERM:
                advance();
                return token.term();
            case LEFT_PAREN:
                checkDepth(depth + 1);
                advance();
                Segment inner = parseOr(depth + 1);
                if (current.kind() == Kind.RIGHT_PAREN) {
                    advance();
                    return inner;
                }
                if (current.kind() == Kind.END) {
                    throw tokens.error(token.offset(), "unclosed '(': no ')' before the end of the segment");
                }
                throw missingOperator("expected 'and', 'or' or ')'");
            default:
                throw error("expected a term (tag:, status:, attr.NAME=, email:), 'not' or '(' but found "
                        + describe(token));
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("segment nested too deeply (more than " + MAX_DEPTH + " levels of 'not' and parentheses)");
        }
    }

    private SegmentSyntaxException missingOperator(String expected) {
        String hint = STARTS_OPERAND.contains(current.kind())
                ? " (there is no implied 'and': join terms with 'and' or 'or')"
                : "";
        return error(expected + " but found " + describe(current) + hint);
    }

    private SegmentSyntaxException error(String reason) {
        return tokens.error(current.offset(), reason);
    }

    private String describe(Token token) {
        if (token.kind() == Kind.END) {
            return "end of segment";
        }
        String text = token.text();
        if (text.codePointCount(0, text.length()) > 40) {
            text = text.substring(0, text.offsetByCodePoints(0, 39)) + "…";
        }
        return "'" + text + "'";
    }

    private void advance() {
        current = tokens.next();
    }
}
